/**
 * Every limit of the runtime, named once with its reason (the reference's
 * llimits.h and luaconf.h). Layer 0: every other layer may import it, and
 * it imports nothing.
 */

// ---------------------------------------------------------------------------
// Depth of nesting

/**
 * LUAI_MAXCCALLS: nested host calls (JS recursion: host functions calling
 * Lua, metamethods the interpreter cannot run in its own loop) and nested
 * syntactic levels in the parser before "C stack overflow". Bounding it is
 * what keeps the JS stack from overflowing.
 */
export const LUAI_MAXCCALLS = 200;

/** LUAI_MAXSTACK: the default Lua stack size of a thread, in slots, before "stack overflow". */
export const LUAI_MAXSTACK = 1_000_000;

/** LUA_MINSTACK: free slots a host function may always push without checking. */
export const LUA_MINSTACK = 20;

/**
 * Extra stack slots granted while handling a stack overflow, so that the
 * message handler can run (the reference's EXTRA_STACK + ERRORSTACKSIZE).
 */
export const ERROR_STACK_EXTRA = 200;

/** MAXTAGLOOP: longest chain of `__index`/`__newindex` tables or functions followed before "loop in gettable". */
export const MAXTAGLOOP = 2000;

/** Deepest function nesting `load` accepts in a binary chunk (the compiler stops at LUAI_MAXCCALLS levels first). */
export const MAX_UNDUMP_NESTING = 200;

/** Deepest nesting of JS values the embedding API converts before failing (instead of exhausting the JS stack). */
export const MAX_CONVERT_DEPTH = 1000;

// ---------------------------------------------------------------------------
// Functions

/** MAXVARS: local variables active at once in one function (a register is a byte). */
export const MAXVARS = 200;

/** MAXUPVAL: upvalues of one function, Lua or host (the count is a byte in the bytecode). */
export const MAXUPVAL = 255;

// ---------------------------------------------------------------------------
// Strings

/**
 * LUAI_MAXSHORTLEN: strings up to this length are interned (the reference's
 * short strings), so that comparing keys of that length is a pointer compare.
 */
export const LUAI_MAXSHORTLEN = 40;

/**
 * The longest string the runtime builds: V8's limit is 2^29 - 24 code units
 * (one byte each). Past it, operations raise the reference's out-of-memory
 * error ("not enough memory") rather than let a RangeError escape.
 */
export const MAX_STRING = 2 ** 29 - 24;

/**
 * MAX_SIZE as the reference checks sizes against C's `int` (string.rep,
 * string.pack formats, binary chunk sizes): results past it are "too large"
 * before any memory is asked for.
 */
export const MAX_SIZE = 0x7fffffff;

/** LUA_IDSIZE: the size of a chunk's name in messages (`[string "..."]`), terminator included. */
export const LUA_IDSIZE = 60;

/** LUA_MAXCAPTURES: captures in one pattern. */
export const LUA_MAXCAPTURES = 32;

/**
 * lstrlib.c's MAXCCALLS: recursion budget of one pattern match (each
 * nested item costs one); exhausting it raises "pattern too complex".
 */
export const PATTERN_MAXCCALLS = 200;

/**
 * The longest array part of a table. V8 ends the whole process (a fatal
 * error, not an exception) when a JS array must grow past about 2^27
 * elements, and growth takes an array to 1.5 times its length: the array
 * part stops at 2^26, and later integer keys go to the hash part.
 */
export const MAX_ARRAY_PART = 2 ** 26;

/**
 * The most slots a table's hash part holds: its index is a JS Map, which
 * holds at most 2^24 entries. An insertion past it fails as the
 * reference's does when memory runs out ("not enough memory").
 */
export const MAX_HASH_PART = 2 ** 24;

/**
 * The largest buffer (lib/buffer.ts) a script may create: 1 GiB, as Luau
 * allows. Its bytes count against the memory limit like everything else.
 */
export const MAX_BUFFER = 2 ** 30;

/**
 * Entries of a function's frames (calls, and returns into it from what it
 * called) before the compiling tier compiles it (vm/jit/tier.ts). Low
 * enough that a function called in a loop is compiled within the first
 * milliseconds; high enough that code run a few times (set-up, a chunk's
 * main function) is not worth the compiling (a fraction of a millisecond
 * per function).
 */
export const JIT_HOT_ENTRIES = 100;

/**
 * With the compiling tier on, the safepoint counter comes back at least
 * this often (instructions), so that a function that loops without calling
 * anything is found and compiled (vm/jit/tier.ts's sampler): about a
 * tenth of a millisecond of interpretation, for a slow path that then
 * costs nothing measurable.
 */
export const JIT_SAMPLE_INTERVAL = 2 ** 15;

/**
 * Compiled code calls a compiled Lua function directly (a JS call) rather
 * than through the interpreter's frame reload while the compiled frames
 * below it since `execute` entered compiled code weigh less than this (a
 * frame weighs 1, and 1 more per 8 registers: codegen.ts's frameWeight;
 * 24 frames of a small function, 4 of a function with 40 registers), and
 * while the host re-entries (L.nCcalls) stay under JIT_DIRECT_CCALLS: the
 * JS stack this takes stays a few kilobytes (a compiled frame is one JS
 * frame with its registers), so that a host with a small stack, or deep in
 * its own calls, still gets "stack overflow" only where Lua's own limits
 * say so. Deeper calls go through the reload, which takes no JS stack;
 * most calls return within a few levels (a recursion's leaves), which is
 * where this pays.
 */
export const JIT_DIRECT_DEPTH = 24;
export const JIT_DIRECT_CCALLS = 10;

/**
 * Bails (instructions its compiled code left to the interpreter) after
 * which a function is compiled again with its slow paths in its code
 * (vm/jit/tier.ts): a few are set-up or a rare type; hundreds are a loop
 * over objects with operators, which pays a trip through the interpreter
 * each time.
 */
export const JIT_RECOMPILE_BAILS = 200;

/**
 * The most JavaScript (characters) one function is compiled to. V8 does
 * not optimize a function whose bytecode passes 60 KB; generated code
 * past this would run in V8's baseline tiers, slower than the interpreter.
 * Generated code makes about 0.73 bytes of bytecode per character
 * (measured with `node --print-bytecode`: 57,920 characters, 42,192
 * bytes), so this stays under the limit with a margin. A larger Lua
 * function has its loops compiled one by one, or stays interpreted.
 */
export const JIT_MAX_SOURCE = 64_000;

/**
 * Instructions of the longest function the compiling tier looks at: its
 * analysis works per instruction (15 to 35 ms for 5,000), and a function
 * this long fits JIT_MAX_SOURCE only by its loops.
 */
export const JIT_MAX_INSTRUCTIONS = 5_000;
