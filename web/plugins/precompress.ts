// Vite plugin: after the bundle is written, store a gzip (.gz) and a brotli (.br) copy next to
// every compressible file in the output directory, so the C++ server can send them as they are
// (Content-Encoding) without compressing on each request. Only node's zlib is used.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin, ResolvedConfig } from 'vite'

export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/i

export interface PrecompressOptions {
  /** Which files to compress (tested against the path relative to the output directory). */
  include?: RegExp
  /** Also compress source maps (off by default; they are not served to users). */
  sourceMaps?: boolean
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(full)))
    else if (entry.isFile()) out.push(full)
  }
  return out
}

export interface PrecompressResult {
  file: string
  size: number
  gzip: number
  brotli: number
}

/** Writes `<file>.gz` and `<file>.br` for every matching file under `dir`; returns what it did. */
export async function precompressDir(dir: string, options: PrecompressOptions = {}): Promise<PrecompressResult[]> {
  const include = options.include ?? COMPRESSIBLE
  const results: PrecompressResult[] = []
  for (const file of await listFiles(dir)) {
    if (!include.test(file)) continue
    if (!options.sourceMaps && file.endsWith('.map')) continue
    const data = await readFile(file)
    const gz = gzipSync(data, { level: 9 })
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    })
    await writeFile(`${file}.gz`, gz)
    await writeFile(`${file}.br`, br)
    results.push({ file, size: data.length, gzip: gz.length, brotli: br.length })
  }
  return results
}

export function precompress(options: PrecompressOptions = {}): Plugin {
  let config: ResolvedConfig | undefined
  return {
    name: 'zhaoyin:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    async closeBundle() {
      if (!config) return
      const outDir = resolve(config.root, config.build.outDir)
      if (!(await stat(outDir).catch(() => null))?.isDirectory()) return
      const results = await precompressDir(outDir, options)
      const total = results.reduce((sum, r) => sum + r.size, 0)
      const gzip = results.reduce((sum, r) => sum + r.gzip, 0)
      const brotli = results.reduce((sum, r) => sum + r.brotli, 0)
      config.logger.info(
        `precompress: ${results.length} files, ${(total / 1024).toFixed(1)} kB → gzip ${(gzip / 1024).toFixed(1)} kB, brotli ${(brotli / 1024).toFixed(1)} kB`,
      )
    },
  }
}
