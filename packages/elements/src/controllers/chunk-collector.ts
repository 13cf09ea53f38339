// Gathers the chunks of a chunked SMART Health Card ("shc:/2/3/…") across
// separate scans, so door staff can scan the QR codes in any order.
import { MAX_SHC_CHUNKS } from '@pass-check/verifier-core';

export interface ChunkProgress {
  have: number;
  total: number;
}

export type ChunkOutcome =
  /** Not a chunk: verify the text as it is. */
  | { kind: 'single'; text: string }
  /** A chunk was added (or seen again); more are needed. */
  | { kind: 'partial'; progress: ChunkProgress }
  /** Every chunk is in: verify them together. */
  | { kind: 'complete'; chunks: string[] };

const CHUNK_HEADER = /^shc:\/(\d{1,3})\/(\d{1,3})\//i;

/**
 * Collects chunks of one card at a time. A chunk with a different total
 * starts a new card; a different text for an index already held replaces it
 * (someone switched phones). Chunks older than `maxAgeMs` are forgotten, so a
 * half-scanned card never leaks into the next person's.
 */
export class ChunkCollector {
  private total = 0;
  private readonly chunks = new Map<number, string>();
  private lastAddedAt = 0;

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get progress(): ChunkProgress | undefined {
    return this.total ? { have: this.chunks.size, total: this.total } : undefined;
  }

  add(text: string): ChunkOutcome {
    const header = CHUNK_HEADER.exec(text);
    if (!header) return { kind: 'single', text };
    const index = Number(header[1]);
    const total = Number(header[2]);
    // Out-of-range headers go to the verifier whole, which reports MALFORMED with the right code.
    if (total < 2 || total > MAX_SHC_CHUNKS || index < 1 || index > total) return { kind: 'single', text };

    const time = this.now();
    if (this.total !== total || time - this.lastAddedAt > this.maxAgeMs) this.clear();
    this.total = total;
    this.lastAddedAt = time;
    this.chunks.set(index, text);
    if (this.chunks.size < total) return { kind: 'partial', progress: { have: this.chunks.size, total } };

    const chunks = [...this.chunks.entries()].sort(([a], [b]) => a - b).map(([, chunk]) => chunk);
    this.clear();
    return { kind: 'complete', chunks };
  }

  /** Whether this exact chunk is already held (the camera sees the same QR many times a second). */
  holds(text: string): boolean {
    const header = CHUNK_HEADER.exec(text);
    return !!header && this.chunks.get(Number(header[1])) === text;
  }

  clear(): void {
    this.total = 0;
    this.chunks.clear();
  }
}
