import { Data, Effect, Exit, FileSystem, Path, type Scope } from "effect"
import type { PlatformError } from "effect/PlatformError"

/** An output file or directory could not be written. */
export class OutputFailed extends Data.TaggedError("OutputFailed")<{
  readonly path: string
  readonly reason: string
}> {
  override get message(): string {
    return `cannot write ${this.path}: ${this.reason}`
  }
}

export const describePlatformError = (error: PlatformError): string => {
  const reason = error.reason
  switch (reason._tag) {
    case "NotFound":
      return "no such file or directory"
    case "PermissionDenied":
      return "permission denied"
    case "AlreadyExists":
      return "already exists"
    default:
      return reason.description ?? reason.message
  }
}

const failed = (path: string) => (error: PlatformError) =>
  new OutputFailed({ path, reason: describePlatformError(error) })

/** A file being written next to its final path, renamed over it on commit. */
export interface PendingFile {
  /** the final path */
  readonly path: string
  /** `DIR/.NAME.tmp-PID`: same directory, so the rename is atomic */
  readonly tmp: string
  /** appends text (UTF-8) */
  readonly write: (text: string) => Effect.Effect<void, OutputFailed>
}

/**
 * A set of output files written atomically together: each is written to a
 * temp file in its own directory, flushed to disk, then renamed into place by
 * `commit`. If the enclosing scope closes without a commit (failure,
 * interrupt), every temp file (and every file already renamed by a commit
 * that failed halfway) is removed, and so is the output directory if this
 * writer created it and it is empty. Readers never see a half-written file.
 */
export interface AtomicOutputs {
  readonly dir: string
  /** opens `DIR/name` for writing; the handle stays open until the scope closes */
  readonly open: (name: string) => Effect.Effect<PendingFile, OutputFailed, Scope.Scope>
  /** writes `DIR/name` in one go; returns its final path */
  readonly writeWhole: (name: string, text: string) => Effect.Effect<string, OutputFailed>
  /** renames every file into place, in the order they were opened */
  readonly commit: Effect.Effect<void, OutputFailed>
}

const encoder = new TextEncoder()

export const atomicOutputs = (
  dir: string,
): Effect.Effect<AtomicOutputs, OutputFailed, FileSystem.FileSystem | Path.Path | Scope.Scope> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const existed = yield* fs.exists(dir).pipe(Effect.mapError(failed(dir)))
    if (existed) {
      const info = yield* fs.stat(dir).pipe(Effect.mapError(failed(dir)))
      if (info.type !== "Directory") return yield* new OutputFailed({ path: dir, reason: "exists and is not a directory" })
    } else {
      yield* fs.makeDirectory(dir, { recursive: true }).pipe(Effect.mapError(failed(dir)))
    }
    const files: Array<{ readonly path: string; readonly tmp: string }> = []
    const committed: Array<string> = []
    let done = false
    yield* Effect.addFinalizer(() =>
      done
        ? Effect.void
        : Effect.gen(function* () {
            for (const f of files) yield* fs.remove(f.tmp, { force: true }).pipe(Effect.ignore)
            for (const p of committed) yield* fs.remove(p, { force: true }).pipe(Effect.ignore)
            if (!existed) {
              const left = yield* fs.readDirectory(dir).pipe(Effect.orElseSucceed(() => ["?"]))
              if (left.length === 0) yield* fs.remove(dir, { recursive: true }).pipe(Effect.ignore)
            }
          }),
    )
    const register = (name: string) => {
      const entry = { path: path.join(dir, name), tmp: path.join(dir, `.${name}.tmp-${process.pid}`) }
      files.push(entry)
      return entry
    }
    const open = (name: string) =>
      Effect.gen(function* () {
        const entry = register(name)
        const file = yield* fs.open(entry.tmp, { flag: "w" }).pipe(Effect.mapError(failed(entry.tmp)))
        // flushed before the handle closes, so the rename never exposes unwritten data
        yield* Effect.addFinalizer((exit) => (Exit.isSuccess(exit) ? Effect.ignore(file.sync) : Effect.void))
        const write = (text: string) => file.writeAll(encoder.encode(text)).pipe(Effect.mapError(failed(entry.tmp)))
        return { ...entry, write }
      })
    const writeWhole = (name: string, text: string) =>
      Effect.scoped(
        Effect.gen(function* () {
          const file = yield* open(name)
          yield* file.write(text)
          return file.path
        }),
      )
    const commit = Effect.gen(function* () {
      for (const f of files) {
        yield* fs.rename(f.tmp, f.path).pipe(Effect.mapError(failed(f.path)))
        committed.push(f.path)
      }
      done = true
    })
    return { dir, open, writeWhole, commit }
  })
