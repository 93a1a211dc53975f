import { describe, expect, it } from "vitest";
import { closest, didYouMean } from "../../scripts/engine/text/suggest.ts";

const names = [
  "http_requests_total",
  "http_request_duration_seconds_bucket",
  "http_requests_created",
  "input_received",
  "output_sent",
  "output_error",
  "vllm:num_requests_running",
  "vllm:num_requests_waiting",
  "up",
];

describe("closest", () => {
  it.each([
    // Within a third of the length, nearest first.
    ["http_requests_totl", ["http_requests_total", "http_requests_created"]],
    ["output_eror", ["output_error"]],
    ["vllm:num_requests_runing", ["vllm:num_requests_running", "vllm:num_requests_waiting"]],
    // Lengths far apart: nothing, however alike the start.
    ["http_requests_total_of_every_route_and_method", []],
    // A short name allows two edits at least.
    ["uq", ["up"]],
    ["nothing_like_it", []],
  ])("%s -> %j", (name, want) => {
    expect(closest(name, names)).toEqual(want);
  });

  it("gives at most three, nearest first, ties by name", () => {
    expect(closest("ab", ["ad", "ac", "ab", "a", "abc", "zz"])).toEqual(["ab", "a", "abc"]);
  });

  it("reads as a sentence, or nothing", () => {
    expect(didYouMean("output_eror", ["output_error"])).toBe(' Did you mean "output_error"?');
    expect(didYouMean("zzz_zzz_zzz", names)).toBe("");
  });
});
