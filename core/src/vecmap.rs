//! Small ordered maps and sets kept in one sorted vector, for core and the app.
//!
//! `BTreeMap` and `BTreeSet` are instantiated anew for every key and value type, and each copy of
//! the B-tree (insert, remove with its rebalancing, iteration, clone, drop) costs about 5 KB of
//! wasm; the site had a dozen of them (64 KB before gzip). The maps here hold a few to a few
//! hundred entries (a shell's variables, a container's environment, the outline's open paths), so
//! a binary search in a sorted vector does the same work in a few hundred bytes of code per type.
//!
//! The behaviour is `BTreeMap`'s for every method here: keys unique and in `Ord` order
//! (iteration included), `insert` replaces the value of an equal key and returns the old one,
//! `collect` keeps the last value given for a key, lookups accept any borrowed form of the key.

use std::borrow::Borrow;

/// A map with `BTreeMap`'s ordering and semantics, stored as a sorted vector of pairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VecMap<K, V> {
    items: Vec<(K, V)>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap { items: Vec::new() }
    }
}

type Pair<'a, K, V> = fn(&'a (K, V)) -> (&'a K, &'a V);

impl<K: Ord, V> VecMap<K, V> {
    pub const fn new() -> Self {
        VecMap { items: Vec::new() }
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.items.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// Sets `key` to `value`; the value it had before, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self
                .items
                .get_mut(i)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.items.insert(i, (key, value));
                None
            }
        }
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        self.items.get(i).map(|(_, v)| v)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        self.items.get_mut(i).map(|(_, v)| v)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.items.remove(i).1)
    }

    /// The value of `key`, inserting `make()` first when there is none (`entry().or_insert_with`).
    /// Always `Some` (an `Option` only because core does not index unchecked).
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> Option<&mut V> {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.items.insert(i, (key, make()));
                i
            }
        };
        self.items.get_mut(i).map(|(_, v)| v)
    }

    /// Moves every entry of `other` into `self`; `other`'s value wins for a key in both.
    pub fn append(&mut self, other: &mut Self) {
        self.extend(std::mem::take(&mut other.items));
    }

    pub fn iter(&self) -> std::iter::Map<std::slice::Iter<'_, (K, V)>, Pair<'_, K, V>> {
        self.items.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.items.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.items.iter().map(|(_, v)| v)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = VecMap::new();
        m.extend(iter);
        m
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, K: Ord, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, Pair<'a, K, V>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A set with `BTreeSet`'s ordering and semantics, stored as a sorted vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VecSet<T> {
    items: Vec<T>,
}

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet { items: Vec::new() }
    }
}

impl<T: Ord> VecSet<T> {
    pub const fn new() -> Self {
        VecSet { items: Vec::new() }
    }

    fn find<Q: Ord + ?Sized>(&self, value: &Q) -> Result<usize, usize>
    where
        T: Borrow<Q>,
    {
        self.items.binary_search_by(|x| x.borrow().cmp(value))
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds `value`; false when it was there already (the set is unchanged).
    pub fn insert(&mut self, value: T) -> bool {
        match self.find(&value) {
            Ok(_) => false,
            Err(i) => {
                self.items.insert(i, value);
                true
            }
        }
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.find(value).is_ok()
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        match self.find(value) {
            Ok(i) => {
                self.items.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    /// Keeps only the values for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.items.retain(keep);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<T: Ord> FromIterator<T> for VecSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut s = VecSet::new();
        s.extend(iter);
        s
    }
}

impl<T: Ord> Extend<T> for VecSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for v in iter {
            self.insert(v);
        }
    }
}

impl<T> IntoIterator for VecSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T: Ord> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sort::tests::numbers;
    use std::collections::{BTreeMap, BTreeSet};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Every operation, against BTreeMap/BTreeSet, on random keys with many repeats.
    #[test]
    fn behaves_like_the_btree_collections() {
        for seed in 0..40 {
            let ops = numbers(seed, 300, 1000);
            let mut m: VecMap<String, u64> = VecMap::new();
            let mut b: BTreeMap<String, u64> = BTreeMap::new();
            let mut s: VecSet<u64> = VecSet::new();
            let mut bs: BTreeSet<u64> = BTreeSet::new();
            for (i, op) in ops.iter().enumerate() {
                let key = format!("k{}", op % 37);
                match op % 5 {
                    0 | 1 => assert_eq!(m.insert(key.clone(), i as u64), b.insert(key, i as u64)),
                    2 => assert_eq!(m.remove(key.as_str()), b.remove(key.as_str())),
                    3 => {
                        *m.get_or_insert_with(key.clone(), || 7).unwrap() += 1;
                        *b.entry(key).or_insert_with(|| 7) += 1;
                    }
                    _ => {
                        if let (Some(x), Some(y)) =
                            (m.get_mut(key.as_str()), b.get_mut(key.as_str()))
                        {
                            *x += 3;
                            *y += 3;
                        }
                    }
                }
                assert_eq!(m.get("k3"), b.get("k3"));
                assert_eq!(m.contains_key("k5"), b.contains_key("k5"));
                let v = op % 23;
                if op % 3 == 0 {
                    assert_eq!(s.remove(&v), bs.remove(&v));
                } else {
                    assert_eq!(s.insert(v), bs.insert(v));
                }
                assert_eq!(s.contains(&(op % 7)), bs.contains(&(op % 7)));
                if op % 11 == 0 {
                    s.retain(|v| v % 3 != 0);
                    bs.retain(|v| v % 3 != 0);
                }
            }
            let mut m2: VecMap<String, u64> =
                ops.iter().map(|k| (format!("k{}", k % 41), *k)).collect();
            let mut b2: BTreeMap<String, u64> =
                ops.iter().map(|k| (format!("k{}", k % 41), *k)).collect();
            let (mut m3, mut b3) = (m.clone(), b.clone());
            m3.append(&mut m2);
            b3.append(&mut b2);
            assert!(m3.iter().eq(b3.iter()) && m2.is_empty() && b2.is_empty());
            assert!(m.iter().eq(b.iter()));
            assert!(m.keys().eq(b.keys()));
            assert!(m.values().eq(b.values()));
            assert_eq!(m.len(), b.len());
            assert!(s.iter().eq(bs.iter()));
            assert_eq!(s.len(), bs.len());
            // collect keeps the last value of a repeated key, as BTreeMap's does
            let pairs: Vec<(u64, usize)> =
                ops.iter().enumerate().map(|(i, k)| (k % 50, i)).collect();
            let cm: VecMap<u64, usize> = pairs.iter().copied().collect();
            let cb: BTreeMap<u64, usize> = pairs.iter().copied().collect();
            assert!(cm.into_iter().eq(cb));
            let cs: VecSet<u64> = ops.iter().map(|k| k % 50).collect();
            let cbs: BTreeSet<u64> = ops.iter().map(|k| k % 50).collect();
            assert!(cs.into_iter().eq(cbs));
        }
    }
}
