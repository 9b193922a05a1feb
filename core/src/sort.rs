//! One small stable sort for core and the app.
//!
//! `slice::sort_by` is instantiated anew for every element type and comparator, and each copy of
//! the standard library's driftsort costs 3–5 KB of wasm; core sorted about twenty kinds of
//! things, which came to some 50 KB before wasm-opt. Here the algorithm (a bottom-up merge sort
//! of positions) is compiled once, behind a `dyn` comparator; what is generic is only the
//! comparator's shim and the final permutation (a few dozen bytes each).
//!
//! The order is the standard library's: both sorts are stable, and a stable sort's result is
//! fully determined by a consistent comparator (a total preorder, as every `Ord` key is). Do not
//! use these with a comparator that is not one (e.g. `go_yaml_key_cmp`, which keeps `sort_by`):
//! for those the result depends on the algorithm.
//! They also stand in for `sort_unstable` where equal items cannot be told apart (numbers,
//! times, strings): each `sort_unstable` instance is another 3 KB quicksort.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp` (like `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &mut |i, j| match (v.get(i), v.get(j)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    permute(v, order);
}

/// Sorts `v` stably by a key (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` (like `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions of `n` items in stable sorted order: `order[k]` is the original position of
/// the item that goes to `k`.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    // Already sorted (the usual case: keys in source order) costs n - 1 comparisons.
    if (1..n).all(|i| cmp(i - 1, i) != Ordering::Greater) {
        return a;
    }
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in b.iter_mut().take(end).skip(start) {
                // Take from the right run only when it is strictly smaller: stability.
                let right = match (a.get(i), a.get(j)) {
                    (Some(&x), Some(&y)) if i < mid && j < end => cmp(x, y) == Ordering::Greater,
                    _ => i >= mid,
                };
                let src = if right { &mut j } else { &mut i };
                *slot = a.get(*src).copied().unwrap_or(0);
                *src += 1;
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Rearranges `v` so that `v[k]` becomes the old `v[order[k]]`.
fn permute<T>(v: &mut [T], order: Vec<usize>) {
    // dest[i]: where the item now at i must go.
    let mut dest = vec![0; order.len()];
    for (k, &from) in order.iter().enumerate() {
        if let Some(d) = dest.get_mut(from) {
            *d = k;
        }
    }
    for i in 0..v.len().min(dest.len()) {
        // Each swap puts one item in its final place.
        while let Some(&d) = dest.get(i) {
            if d == i || d >= v.len() {
                break;
            }
            v.swap(i, d);
            dest.swap(i, d);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A small deterministic generator (no dependency, same numbers on every target).
    pub(crate) fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_library_and_stays_stable() {
        for n in 0..70 {
            for (seed, modulo) in [(1, 3), (2, 10), (3, 1000)] {
                // (key, original position): equal keys must keep their order.
                let items: Vec<(u64, usize)> = numbers(seed + n as u64, n, modulo)
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| (k, i))
                    .collect();
                let mut ours = items.clone();
                sort_by_key(&mut ours, |p| p.0);
                let mut std = items.clone();
                std.sort_by_key(|p| p.0);
                assert_eq!(ours, std, "n={n} modulo={modulo}");
                let mut rev = items.clone();
                sort_by(&mut rev, |a, b| b.0.cmp(&a.0));
                let mut std_rev = items;
                std_rev.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(rev, std_rev);
            }
        }
    }

    #[test]
    fn sorts_owned_values() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut v);
        assert_eq!(v, ["", "apple", "apple", "fig", "pear"]);
        let mut big: Vec<u64> = numbers(9, 5000, 100_000);
        let mut expected = big.clone();
        expected.sort();
        sort(&mut big);
        assert_eq!(big, expected);
    }
}
