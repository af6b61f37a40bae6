import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { precompressDir } from '../../plugins/precompress'

let dir = ''
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('precompressDir', () => {
  it('writes .gz and .br next to compressible files only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'zy-precompress-'))
    mkdirSync(join(dir, 'assets'))
    const js = 'console.log("招引");\n'.repeat(200)
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), js)
    writeFileSync(join(dir, 'assets', 'app.css'), 'body{margin:0}')
    writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    writeFileSync(join(dir, 'data.json'), '{"a":1}')
    writeFileSync(join(dir, 'assets', 'app.js.map'), '{}')
    writeFileSync(join(dir, 'assets', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))

    const results = await precompressDir(dir)
    expect(results.map((r) => r.file.slice(dir.length + 1)).sort()).toEqual([
      'assets/app.css',
      'assets/app.js',
      'assets/logo.svg',
      'data.json',
      'index.html',
    ])
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app.js.gz'))).toString()).toBe(js)
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'app.js.br'))).toString()).toBe(js)
    expect(readFileSync(join(dir, 'assets', 'app.js.gz')).length).toBeLessThan(js.length / 10)
    expect(existsSync(join(dir, 'assets', 'photo.png.gz'))).toBe(false)
    expect(existsSync(join(dir, 'assets', 'app.js.map.gz'))).toBe(false)
  })
})
