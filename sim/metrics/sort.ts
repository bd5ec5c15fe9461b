/**
 * In-place ascending sort of a Float64Array prefix, without allocating.
 *
 * Why not `array.subarray(0, n).sort()`: `subarray` allocates a view object on
 * every call, and the metrics run every tick. Heapsort needs no extra memory,
 * no recursion and is O(n log n) in the worst case; short prefixes use
 * insertion sort, which is faster there.
 *
 * Precondition: no NaN in array[0..n) (callers validate); -0 and 0 compare equal.
 */

/** Below this length insertion sort beats heapsort (few compares, no sift). */
const INSERTION_SORT_MAX = 16

/** Sorts array[0..n) ascending in place. Entries at index ≥ n are untouched. */
export function sortAscendingInPlace(array: Float64Array, n: number): void {
  if (n <= INSERTION_SORT_MAX) {
    insertionSort(array, n)
    return
  }
  // Build a max-heap over [0, n), then repeatedly move the maximum to the end.
  for (let root = (n >> 1) - 1; root >= 0; root--) siftDown(array, root, n)
  for (let end = n - 1; end > 0; end--) {
    const largest = array[0]
    array[0] = array[end]
    array[end] = largest
    siftDown(array, 0, end)
  }
}

function insertionSort(array: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const value = array[i]
    let j = i - 1
    while (j >= 0 && array[j] > value) {
      array[j + 1] = array[j]
      j--
    }
    array[j + 1] = value
  }
}

/** Restores the max-heap property below `root` within the heap [0, end). */
function siftDown(array: Float64Array, root: number, end: number): void {
  const value = array[root]
  let parent = root
  for (;;) {
    let child = 2 * parent + 1
    if (child >= end) break
    if (child + 1 < end && array[child + 1] > array[child]) child++
    if (array[child] <= value) break
    array[parent] = array[child]
    parent = child
  }
  array[parent] = value
}
