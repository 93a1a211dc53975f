import { describe, expect, it } from "vitest";
import { memoByText } from "../../scripts/engine/text/memo.ts";

describe("memoByText", () => {
  it("computes a text once and gives the very same result again", () => {
    const computed: string[] = [];
    const upper = memoByText((t) => {
      computed.push(t);
      return { t: t.toUpperCase() };
    }, 10);
    const first = upper("a");
    expect(upper("a")).toBe(first);
    expect(upper("b")).toEqual({ t: "B" });
    expect(computed).toEqual(["a", "b"]);
  });

  it("keeps the last `kept` texts asked for, the most recently asked longest", () => {
    const computed: string[] = [];
    const f = memoByText((t) => computed.push(t), 2);
    f("a");
    f("b");
    f("a"); // asked again: now b is the oldest
    f("c"); // pushes b out
    f("a");
    f("b");
    expect(computed).toEqual(["a", "b", "c", "b"]);
  });

  it("stays right for texts asked again after many others pushed them out", () => {
    const f = memoByText((t) => Number(t) * 2, 100);
    const texts = Array.from({ length: 500 }, (_, i) => String(i));
    for (const t of texts) f(t);
    texts.forEach((t, i) => expect(f(t)).toBe(i * 2));
  });
});
