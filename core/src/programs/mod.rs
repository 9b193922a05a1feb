//! What known images do when they run (nginx, busybox, the liveness test server, …), as programs.

pub mod testsys;
