// Proof files, content-addressed by SHA-256 under DATA_DIR/proofs (aa/bb/<sha256>). Write-once: a file
// that already exists is never rewritten. Behind this interface an object store can take its place.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export interface ProofStorage {
  /** Stores the bytes; returns their SHA-256 (hex) and size. Storing the same bytes twice stores them once. */
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>
  /** The stored bytes, or null when nothing is stored under that hash. */
  get(sha256: string): Promise<Buffer | null>
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

export class LocalProofStorage implements ProofStorage {
  constructor(readonly root: string) {}

  /** Where the bytes of a hash live on disk. */
  pathOf(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest')
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  async put(bytes: Buffer) {
    const sha256 = sha256Hex(bytes)
    const path = this.pathOf(sha256)
    const exists = await stat(path).then(
      () => true,
      () => false,
    )
    if (!exists) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      // Written beside its place and renamed, so a crash never leaves half a file under a hash.
      const temporary = `${path}.${randomUUID()}.part`
      try {
        await writeFile(temporary, bytes, { mode: 0o400, flag: 'wx' })
        await rename(temporary, path)
      } finally {
        await rm(temporary, { force: true })
      }
    }
    return { sha256, size: bytes.length }
  }

  async get(sha256: string) {
    try {
      return await readFile(this.pathOf(sha256))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }
}
