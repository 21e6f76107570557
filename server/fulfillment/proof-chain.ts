// Each proof's hash covers what it says (file hash or URL, metrics, note, who, when) and the previous proof's
// hash, so changing any stored proof, or the bytes of its file, breaks the chain from there on.
import type { Proof } from '../repositories/deliverables-repository'
import { sha256Hex, type ProofStorage } from './proof-storage'

export const genesisHash = '0'.repeat(64)

type Hashed = Pick<
  Proof,
  | 'deliverableId'
  | 'seq'
  | 'prevHash'
  | 'assetUrl'
  | 'fileSha256'
  | 'fileSize'
  | 'fileType'
  | 'fileName'
  | 'metrics'
  | 'note'
  | 'submittedBy'
  | 'submittedSide'
  | 'submittedAt'
>

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value)
}

export function proofHash(p: Hashed): string {
  return sha256Hex(
    canonicalJson({
      v: 1,
      deliverable_id: p.deliverableId,
      seq: p.seq,
      prev_hash: p.prevHash,
      asset_url: p.assetUrl,
      file_sha256: p.fileSha256,
      file_size: p.fileSize,
      file_type: p.fileType,
      file_name: p.fileName,
      metrics: p.metrics,
      note: p.note,
      submitted_by: p.submittedBy,
      submitted_side: p.submittedSide,
      submitted_at: p.submittedAt.toISOString(),
    }),
  )
}

export interface ChainCheck {
  isIntact: boolean
  /** The hash the deliverable records as its latest proof's, and whether the chain ends there. */
  head: string | null
  proofs: { id: string; seq: number; hash: string; problems: string[] }[]
}

/** Recomputes every proof's hash, its link to the one before and, for files, the stored bytes' hash. */
export async function verifyChain(
  proofs: Proof[],
  recordedHead: string | null,
  storage: ProofStorage,
): Promise<ChainCheck> {
  let previous = genesisHash
  const checked: ChainCheck['proofs'] = []
  for (const [index, proof] of proofs.entries()) {
    const problems: string[] = []
    if (proof.seq !== index + 1) problems.push(`proof number ${proof.seq} is out of sequence (expected ${index + 1})`)
    if (proof.prevHash !== previous) problems.push('its link to the previous proof does not match that proof’s hash')
    if (proofHash(proof) !== proof.hash)
      problems.push('its content no longer matches its hash (the record was altered)')
    if (proof.fileSha256) {
      const bytes = await storage.get(proof.fileSha256)
      if (!bytes) problems.push('its file is missing from storage')
      else if (sha256Hex(bytes) !== proof.fileSha256)
        problems.push('its file’s bytes no longer match the SHA-256 recorded (the file was altered)')
    }
    checked.push({ id: proof.id, seq: proof.seq, hash: proof.hash, problems })
    previous = proof.hash
  }
  const lastHash = proofs.at(-1)?.hash ?? null
  const headProblem = lastHash !== recordedHead
  return {
    isIntact: !headProblem && checked.every((p) => p.problems.length === 0),
    head: recordedHead,
    proofs: checked,
  }
}
