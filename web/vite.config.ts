/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { precompress } from './plugins/precompress.ts'

const backend = process.env.ZHAOYIN_BACKEND ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue(), precompress()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  define: {
    // vue-i18n feature flags (Composition API only, no devtools in production).
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // The server sends a CSP without 'unsafe-inline' for scripts: never inline anything as a data: URL
    // script, and keep the module preload polyfill inside the entry chunk (Vite's default).
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
      '/livez': { target: backend },
      '/readyz': { target: backend },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
  },
})
