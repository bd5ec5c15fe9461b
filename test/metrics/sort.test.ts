import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { sortAscendingInPlace } from "../../sim/metrics/sort.js"

describe("sortAscendingInPlace", () => {
  it("sorts short (insertion sort) and long (heapsort) prefixes", () => {
    const short = Float64Array.of(3, 1, 2)
    sortAscendingInPlace(short, 3)
    expect(Array.from(short)).toEqual([1, 2, 3])
    const long = Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 100)
    sortAscendingInPlace(long, 100)
    expect(Array.from(long)).toEqual(Array.from({ length: 100 }, (_, i) => i))
  })

  it("handles n = 0 and n = 1", () => {
    const array = Float64Array.of(2, 1)
    sortAscendingInPlace(array, 0)
    sortAscendingInPlace(array, 1)
    expect(Array.from(array)).toEqual([2, 1])
  })

  it("agrees with the built-in numeric sort and leaves entries ≥ n alone", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 80 }),
        fc.array(fc.double({ noNaN: true }), { maxLength: 5 }),
        (prefix, tail) => {
          const array = Float64Array.from([...prefix, ...tail])
          sortAscendingInPlace(array, prefix.length)
          // -0 and 0 compare equal, so compare by value rather than Object.is.
          const expected = Float64Array.from(prefix).sort()
          for (let i = 0; i < prefix.length; i++) expect(array[i] === expected[i]).toBe(true)
          for (let i = 0; i < tail.length; i++) expect(Object.is(array[prefix.length + i], tail[i])).toBe(true)
        },
      ),
      { seed: 42, numRuns: 200 },
    )
  })
})
