//! An interpreter for the `sh -c` scripts of Pod examples (a documented subset of busybox ash).
