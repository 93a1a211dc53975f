/**
 * What the watch keeps between rebuilds: each check's problems on each subject and each
 * renderer's output, with the parts of the model it read (noted as it ran, through a model
 * whose parts note when they are read). A result is handed back only while none of the parts
 * it read has changed since the rebuild before, so an edit to one dashboard runs again that
 * dashboard's checks and those that read every dashboard, and renders what is made from the
 * dashboards; an edit to an alert leaves every dashboard's checks as they were.
 */
import type { CheckContext, CheckReuse, Problem } from "../checks/check.ts";
import type { Files, Model } from "../model/index.ts";
import type { Renderer, RenderReuse } from "../render/index.ts";
import type { Rendered } from "../render/rendered.ts";
import { keyOf, keyOnce, remember } from "./digest.ts";

type Part = keyof Model | "files" | "recordingRules";

/**
 * What every check may read without naming it: the platform and what the series index is built
 * from (the catalogue and the recording rules), which the checks share through caches that
 * outlive one check's run, so no noting could tell which check read them.
 */
const checkEnvironment: readonly Part[] = [
  "platform",
  "thresholds",
  "catalogue",
  "validators",
  "slos",
  "recordingRules",
];

/** Short numbers for keys, so that checking what changed compares numbers, not text. */
const interned = new Map<string, number>();
const intern = (key: string): number => {
  let n = interned.get(key);
  if (n === undefined) interned.set(key, (n = interned.size));
  return n;
};

/** One rebuild's model (and the files rendered from it), with the key of each of its parts. */
class Rebuild {
  private readonly keys = new Map<Part, number>();
  files?: Files;

  constructor(
    readonly model: Model,
    readonly generation: number,
  ) {
    // What the sources made, by identity; the wrappers of this rebuild, by content: every
    // subject of a check holds some, and they then stand in by a short key.
    for (const d of model.dashboards) remember(d.dashboard);
    for (const g of [...model.ruleGroups, ...model.logRuleGroups]) remember(g.group);
    for (const s of model.slos) remember(s.slo);
    for (const part of [model.platform, model.thresholds, model.catalogue, model.validators]) {
      if (part) remember(part);
    }
    remember(model.drills);
    for (const wrapper of [...model.dashboards, ...model.ruleGroups, ...model.logRuleGroups]) {
      keyOnce(wrapper);
    }
  }

  key(part: Part): number {
    let key = this.keys.get(part);
    if (key === undefined) this.keys.set(part, (key = intern(this.compute(part))));
    return key;
  }

  private compute(part: Part): string {
    const m = this.model;
    switch (part) {
      case "files":
        return this.files ? keyOnce(this.files) : "";
      case "recordingRules":
        return keyOf(
          m.ruleGroups.map((g) => [g.file, g.group.rules.filter((r) => r.kind === "record")]),
        );
      default:
        return keyOf(m[part]);
    }
  }
}

/** How many rebuilds an unused result is kept for (a source that failed to load comes back). */
const keptFor = 20;

interface Entry<T> {
  /** The rebuild that last ran or reused it. */
  generation: number;
  /** Each part it read, with its key then. */
  reads: readonly (readonly [Part, number])[];
  value: T;
}

/** The parts read while `run` runs: model properties, and the files for output checks. */
let reading: Set<Part> | undefined;

function noting<T>(run: () => T): { value: T; reads: Set<Part> } {
  const outer = reading;
  const reads = new Set<Part>();
  reading = reads;
  try {
    return { value: run(), reads };
  } finally {
    reading = outer;
  }
}

const recordingModels = new WeakMap<Model, Model>();

/** `model`, noting each of its parts that is read (accessors: far cheaper than a Proxy). */
function recordingModel(model: Model): Model {
  let recording = recordingModels.get(model);
  if (!recording) {
    recording = {} as Model;
    for (const key of Object.keys(model) as (keyof Model)[]) {
      Object.defineProperty(recording, key, {
        enumerable: true,
        get() {
          reading?.add(key);
          return model[key];
        },
      });
    }
    recordingModels.set(model, recording);
  }
  return recording;
}

/** Check problems and rendered outputs of earlier rebuilds, while what they read is unchanged. */
export class RebuildMemo implements CheckReuse, RenderReuse {
  private current: Rebuild | undefined;
  private generation = 0;
  private readonly problemsKept = new Map<string, Entry<Problem[][]>>();
  private readonly renderedKept = new Map<Renderer, Entry<Rendered>>();
  private readonly contexts = new WeakMap<CheckContext, CheckContext>();
  private readonly subjects = new WeakMap<object, string>();

  problems(
    check: string,
    owner: unknown,
    ctx: CheckContext,
    run: (ctx: CheckContext) => Problem[][],
  ): Problem[][] {
    const rebuild = this.rebuildOf(ctx.model, ctx.files); // first: it makes owner keys short
    const key = `${check}\u0000${this.subjectKey(owner)}`;
    return this.reused(this.problemsKept, key, rebuild, checkEnvironment, () =>
      run(this.recordingContext(ctx)),
    );
  }

  rendered(render: Renderer, model: Model, run: (model: Model) => Rendered): Rendered {
    const rebuild = this.rebuildOf(model);
    return this.reused(this.renderedKept, render, rebuild, [], () => run(recordingModel(model)));
  }

  /** After each rebuild: forget what has not been asked for in a while. */
  sweep(): void {
    for (const kept of [this.problemsKept, this.renderedKept] as Map<unknown, Entry<unknown>>[]) {
      for (const [key, entry] of kept) {
        if (entry.generation <= this.generation - keptFor) kept.delete(key);
      }
    }
  }

  private reused<K, T>(
    kept: Map<K, Entry<T>>,
    key: K,
    rebuild: Rebuild,
    always: readonly Part[],
    run: () => T,
  ): T {
    let entry = kept.get(key);
    if (entry && entry.reads.every(([part, k]) => rebuild.key(part) === k)) {
      entry.generation = rebuild.generation;
    } else {
      const { value, reads } = noting(run);
      for (const part of always) reads.add(part);
      const noted = [...reads].map((part) => [part, rebuild.key(part)] as const);
      kept.set(key, (entry = { generation: rebuild.generation, reads: noted, value }));
    }
    // A renderer asking for another's output read what that one read.
    for (const [part] of entry.reads) reading?.add(part);
    return entry.value;
  }

  private rebuildOf(model: Model, files?: Files): Rebuild {
    if (this.current?.model !== model) {
      this.current = new Rebuild(model, ++this.generation);
    }
    if (files) this.current.files ??= files;
    return this.current;
  }

  private subjectKey(subject: unknown): string {
    if (typeof subject !== "object" || subject === null) return keyOf(subject);
    let key = this.subjects.get(subject);
    if (key === undefined) this.subjects.set(subject, (key = keyOf(subject)));
    return key;
  }

  /** The context a check runs on: its model notes reads; so do the files and its memos. */
  private recordingContext(ctx: CheckContext): CheckContext {
    let wrapped = this.contexts.get(ctx);
    if (wrapped) return wrapped;
    const memos = new Map<string, { value: unknown; reads: Set<Part> }>();
    wrapped = {
      model: recordingModel(ctx.model),
      settings: ctx.settings,
      get files() {
        reading?.add("files");
        return ctx.files;
      },
      get index() {
        return ctx.index;
      },
      // A memo is computed by the first check that asks; every one that asks read its parts.
      memo<T>(key: string, compute: () => T): T {
        let memo = memos.get(key);
        if (!memo) memos.set(key, (memo = noting(compute)));
        for (const part of memo.reads) reading?.add(part);
        return memo.value as T;
      },
      reuse: this,
    };
    this.contexts.set(ctx, wrapped);
    return wrapped;
  }
}
