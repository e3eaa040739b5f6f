// One callgrind dump's instructions, split by what ran them: the program's own work (JIT-compiled JavaScript, V8's
// builtins and runtime, Node, OpenSSL, libc) and the two parts that land in whichever window they happen to fall in:
// garbage collection and V8's compilers (tiering up, deoptimizing). Split by the symbol each instruction ran in, from
// `callgrind_annotate`'s per-function self cost; JIT code has no symbol and counts as the program's own.
import { spawnSync } from 'node:child_process';

const GC =
  /Scaveng|Marking|Sweep|MarkCompact|Evacuat|RememberedSet|SlotSet|MemoryChunk|FreeList|PagedSpace|IteratePointers|IterateMaybeWeak|Compaction|ActiveSystemPages|Pretenuring|cppgc|GCTracer|Heap::|heap::|RecordMigratedSlot|SizeFromMap/;
const COMPILE =
  /compiler::|maglev|Maglev|Baseline|turboshaft|Zone::|Parser|Scanner|BytecodeGenerator|BytecodeArrayBuilder|Deoptimiz|TranslatedState|TranslatedFrame|Translation|SourcePosition|RelocIterator|Assembler|Compile/;

/** `{ program, gc, compile }` instructions of a callgrind output file. */
export function splitDump(file) {
  const result = spawnSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`callgrind_annotate ${file}: ${result.stderr}`);
  const split = { program: 0, gc: 0, compile: 0 };
  for (const line of result.stdout.split('\n')) {
    const row = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!row || row[2].includes('PROGRAM TOTALS')) continue;
    const instructions = Number(row[1].replaceAll(',', ''));
    const symbol = row[2];
    if (symbol.startsWith('???:0x')) split.program += instructions;
    else if (GC.test(symbol)) split.gc += instructions;
    else if (COMPILE.test(symbol)) split.compile += instructions;
    else split.program += instructions;
  }
  return split;
}
