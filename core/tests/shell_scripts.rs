//! The shell interpreter on the scripts of Pod examples and on its edge cases.

mod testsys;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::os::*;
use podplay_core::shell::{Config, Shell};
use testsys::{run, End, MemSys};

fn sh_c(script: &str) -> Shell {
    Shell::script(Config::default(), script, "sh", &[])
}

fn argv(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn go(script: &str, until_ms: u64) -> (MemSys, End) {
    let mut sys = MemSys::new();
    let mut p = sh_c(script);
    let end = run(&mut p, &mut sys, until_ms);
    (sys, end)
}

#[test]
fn echo_and_exit_code() {
    let (sys, end) = go("echo hello; exit 3", 1000);
    assert_eq!(sys.stdout_text(), "hello\n");
    assert_eq!(end, End::Exit(3, SimTime(0)));
}

#[test]
fn basics() {
    let cases: &[(&str, &str, i32)] = &[
        ("x=1; echo $x ${x} \"$x\" '$x'", "1 1 1 $x\n", 0),
        ("echo ${y:-def} ${#HOME}", "def 5\n", 0),
        ("if false; then echo a; elif true; then echo b; else echo c; fi", "b\n", 0),
        ("for i in 1 2 3; do echo $i; done", "1\n2\n3\n", 0),
        ("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i", "3\n", 0),
        ("until false; do echo once; break; done", "once\n", 0),
        ("case abc in a*) echo A;; *) echo other;; esac", "A\n", 0),
        ("f() { echo in $1; return 4; }; f x; echo $?", "in x\n4\n", 0),
        ("false || echo or; true && echo and; ! true; echo $?", "or\nand\n1\n", 0),
        ("{ echo a; echo b; } | wc -l", "2\n", 0),
        ("x=$(echo hi); echo \"[$x]\"", "[hi]\n", 0),
        ("echo `echo back`", "back\n", 0),
        ("v=abc.tar.gz; echo ${v%.*} ${v%%.*} ${v#*.} ${v##*.}", "abc.tar abc tar.gz gz\n", 0),
        ("set -- a b c; echo $# $@ $2; shift; echo $1", "3 a b c b\nb\n", 0),
        ("echo -en 'a\\nb'", "a\nb", 0),
        ("printf '%s=%d\\n' a 1 b 2", "a=1\nb=2\n", 0),
        ("(exit 5); echo $?", "5\n", 0),
        ("x=1; (x=2); echo $x", "1\n", 0),
        ("for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo $i; done", "1\n3\n", 0),
        ("echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f", "a\nb\n", 0),
        ("cat /nope 2>/dev/null || echo failed", "failed\n", 0),
        ("echo err 1>&2 2>/dev/null", "", 0),
        ("cat <<EOF\nhome $HOME\nEOF", "home /root\n", 0),
        ("read a b <<EOF\none two three\nEOF\necho $b", "two three\n", 0),
        ("printf 'x\\ny\\n' | while read l; do echo got $l; done", "got x\ngot y\n", 0),
        ("echo $((2**10)) $((7/2)) $((-3%2))", "1024 3 -1\n", 0),
        ("exit 300", "", 44),
        ("seq 3 | head -n 2", "1\n2\n", 0),
        ("yes | head -n 2", "y\ny\n", 0),
        ("[[ -e /tmp ]] && echo dir", "dir\n", 0),
        ("[[ abc == a* ]] && echo glob", "glob\n", 0),
        ("echo /etc/host*", "/etc/hostname\n", 0),
        ("trap 'echo bye' EXIT; echo hi", "hi\nbye\n", 0),
        ("x=5; echo $((x+=2)) $x", "7 7\n", 0),
        ("expr 3 + 4", "7\n", 0),
        ("test 2 -gt 1 && echo yes", "yes\n", 0),
        ("echo $0", "sh\n", 0),
        ("f() { local x=in; echo $x; }; x=out; f; echo $x", "in\nout\n", 0),
        ("echo ${x:=set}; echo $x", "set\nset\n", 0),
        ("sh -c 'echo inner; exit 7'; echo $?", "inner\n7\n", 0),
        ("set -e; false; echo not", "", 1),
        ("grep -q root /etc/hostname; echo $?", "1\n", 0),
        ("echo pod | grep -c o", "1\n", 0),
    ];
    for (script, out, code) in cases {
        let (sys, end) = go(script, 10_000);
        assert_eq!(
            sys.stdout_text(),
            *out,
            "stdout of {script:?} (stderr {:?})",
            sys.stderr_text()
        );
        assert_eq!(end, End::Exit(*code, SimTime(0)), "end of {script:?}");
    }
}

#[test]
fn busybox_error_messages() {
    let cases: &[(&str, &str, i32)] = &[
        ("foo", "sh: foo: not found\n", 127),
        (
            "cat /tmp/healthy",
            "cat: can't open '/tmp/healthy': No such file or directory\n",
            1,
        ),
        ("echo hi; fi", "sh: syntax error: unexpected \"fi\"\n", 2),
        (
            "/root/app/start.sh",
            "sh: /root/app/start.sh: not found\n",
            127,
        ),
        ("cat < nofile", "sh: can't open nofile: no such file\n", 1),
        (
            "echo hi > /nodir/x",
            "sh: can't create /nodir/x: nonexistent directory\n",
            1,
        ),
        (
            "cd /nope",
            "sh: cd: line 0: can't cd to /nope: No such file or directory\n",
            2,
        ),
        ("echo $((1/0)); echo after", "sh: divide by zero\n", 2),
        ("echo ${x:?}", "sh: x: parameter not set or null\n", 2),
        (
            "rm /nofile",
            "rm: can't remove '/nofile': No such file or directory\n",
            1,
        ),
        (
            "mkdir /tmp",
            "mkdir: can't create directory '/tmp': File exists\n",
            1,
        ),
        (
            "ls /nonexist",
            "ls: /nonexist: No such file or directory\n",
            1,
        ),
        (
            "cp /nofile /tmp/z",
            "cp: can't stat '/nofile': No such file or directory\n",
            1,
        ),
        ("sleep abc", "sleep: invalid number 'abc'\n", 1),
        ("test 1 -eq a", "sh: a: bad number\n", 2),
        ("[ a", "sh: missing ]\n", 2),
        (
            "kill 99999",
            "sh: can't kill pid 99999: No such process\n",
            1,
        ),
        ("curl http://x", "sh: curl: not found\n", 127),
        ("bash -c 'echo hi'", "sh: bash: not found\n", 127),
    ];
    for (script, err, code) in cases {
        let (sys, end) = go(script, 10_000);
        assert_eq!(sys.stderr_text(), *err, "stderr of {script:?}");
        assert_eq!(end, End::Exit(*code, SimTime(0)), "end of {script:?}");
    }
}

#[test]
fn sh_c_with_a_name_prints_line_numbers() {
    let mut sys = MemSys::new();
    let mut p = Shell::exec_argv(
        Config::default(),
        &argv(&["sh", "-c", "echo $0 $1\nnosuch", "myname", "a"]),
    );
    let end = run(&mut p, &mut sys, 1000);
    assert_eq!(sys.stdout_text(), "myname a\n");
    assert_eq!(sys.stderr_text(), "myname: line 1: nosuch: not found\n");
    assert_eq!(end, End::Exit(127, SimTime(0)));
}

#[test]
fn sh_with_a_missing_script_file() {
    // the seed example-pod: command ['sh','c','echo Hello K8s!']
    let mut sys = MemSys::new();
    let mut p = Shell::exec_argv(Config::default(), &argv(&["sh", "c", "echo Hello K8s!"]));
    let end = run(&mut p, &mut sys, 1000);
    assert_eq!(
        sys.stderr_text(),
        "sh: can't open 'c': No such file or directory\n"
    );
    assert_eq!(end, End::Exit(2, SimTime(0)));
}

#[test]
fn liveness_exec_seed_timeline() {
    let mut sys = MemSys::new();
    let mut p = Shell::exec_argv(
        Config::default(),
        &argv(&[
            "/bin/sh",
            "-c",
            "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600",
        ]),
    );
    assert_eq!(run(&mut p, &mut sys, 29_000), End::Running);
    assert!(sys.files.contains_key("/tmp/healthy"));
    let names: Vec<String> = p.processes().into_iter().map(|p| p.command).collect();
    assert_eq!(
        names,
        [
            "/bin/sh -c touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600",
            "sleep 30"
        ]
    );
    assert_eq!(run(&mut p, &mut sys, 31_000), End::Running);
    assert!(!sys.files.contains_key("/tmp/healthy"));
    // ash execs the last command: `sleep 600` is now PID 1
    let names: Vec<String> = p.processes().into_iter().map(|p| p.command).collect();
    assert_eq!(names, ["sleep 600"]);
    // PID 1 ignores SIGTERM
    assert_eq!(p.signal(Signal::Term), SignalOutcome::Ignore);
    assert_eq!(
        run(&mut p, &mut sys, 700_000),
        End::Exit(0, SimTime(630_000))
    );
}

#[test]
fn busy_loop_is_bounded_and_burns_a_cpu() {
    let mut sys = MemSys::new();
    let mut p = sh_c("while true; do :; done");
    assert_eq!(
        p.poll(&mut sys),
        Poll::Sleep(podplay_core::shell::BUSY_SLICE_MS)
    );
    assert_eq!(sys.cpu, 1000);
    assert!(sys.notes.iter().any(|n| n.contains("busy loop")));
    assert_eq!(run(&mut p, &mut sys, 200), End::Running);
}

#[test]
fn long_loops_advance_in_cpu_slices() {
    use podplay_core::shell::{BUSY_SLICE_MS, STEPS_PER_POLL};
    // 20 000 iterations of 4 steps: 80 000 steps, i.e. 4 slices of simulated CPU time
    let (sys, end) = go(
        "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo $i",
        600_000,
    );
    assert_eq!(sys.stdout_text(), "20000\n");
    let End::Exit(0, t) = end else {
        panic!("{end:?}")
    };
    assert_eq!(t.0, 80_000 / STEPS_PER_POLL as u64 * BUSY_SLICE_MS);
    assert_eq!(sys.cpu, 0);
}

#[test]
fn a_million_iterations_are_bounded_per_poll() {
    let mut sys = MemSys::new();
    let mut p = sh_c("i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done; echo $i");
    // each poll does a bounded slice of work and asks to be woken after the slice
    for _ in 0..5 {
        assert_eq!(
            p.poll(&mut sys),
            Poll::Sleep(podplay_core::shell::BUSY_SLICE_MS)
        );
        sys.now = SimTime(sys.now.0 + 20);
    }
    assert_eq!(sys.cpu, 1000);
    assert_eq!(sys.stdout_text(), "");
}

#[test]
fn huge_sleep_is_one_long_sleep() {
    let mut sys = MemSys::new();
    let mut p = sh_c("sleep 999999999; echo late");
    assert_eq!(p.poll(&mut sys), Poll::Sleep(999_999_999_000));
    let mut p = sh_c("sleep infinity");
    assert_eq!(p.poll(&mut sys), Poll::Idle);
}

#[test]
fn trap_runs_at_once_during_wait() {
    let mut sys = MemSys::new();
    let mut p = sh_c("trap 'echo got TERM; exit 0' TERM; sleep 1000 & wait");
    assert_eq!(run(&mut p, &mut sys, 5_000), End::Running);
    assert_eq!(p.signal(Signal::Term), SignalOutcome::Handled);
    assert_eq!(run(&mut p, &mut sys, 10_000), End::Exit(0, SimTime(5_000)));
    assert_eq!(sys.stdout_text(), "got TERM\n");
}

#[test]
fn trap_waits_for_the_foreground_command() {
    let mut sys = MemSys::new();
    let mut p = sh_c("trap 'echo bye; exit 3' TERM; sleep 100");
    assert_eq!(run(&mut p, &mut sys, 10_000), End::Running);
    assert_eq!(p.signal(Signal::Term), SignalOutcome::Handled);
    assert_eq!(
        run(&mut p, &mut sys, 200_000),
        End::Exit(3, SimTime(100_000))
    );
    assert_eq!(sys.stdout_text(), "bye\n");
}

#[test]
fn a_shell_that_is_not_pid_1_dies_of_sigterm() {
    let cfg = Config {
        pid1: false,
        ..Config::default()
    };
    let mut p = Shell::script(cfg, "sleep 100; echo x", "sh", &[]);
    let mut sys = MemSys::new();
    run(&mut p, &mut sys, 1_000);
    assert_eq!(
        p.signal(Signal::Term),
        SignalOutcome::Exit {
            code: 143,
            after_ms: 0
        }
    );
}

#[test]
fn background_jobs_are_listed_and_waited_for() {
    let mut sys = MemSys::new();
    let mut p = sh_c("sleep 5 & sleep 7 & echo started $!; wait; echo all done");
    assert_eq!(run(&mut p, &mut sys, 1_000), End::Running);
    let names: Vec<String> = p.processes().into_iter().map(|p| p.command).collect();
    assert_eq!(
        names,
        [
            "sh -c sleep 5 & sleep 7 & echo started $!; wait; echo all done",
            "sleep 5",
            "sleep 7"
        ]
    );
    assert_eq!(run(&mut p, &mut sys, 10_000), End::Exit(0, SimTime(7_000)));
    assert_eq!(sys.stdout_text(), "started 3\nall done\n");
}

#[test]
fn runaway_scripts_hit_bounds_not_the_stack() {
    let (sys, end) = go("f() { f; }; f", 10_000);
    assert_eq!(end, End::Exit(139, SimTime(0)));
    assert!(sys.notes.iter().any(|n| n.contains("Segmentation fault")));
    let (sys, end) = go("b() { b | b & }; b; wait", 60_000);
    assert!(matches!(end, End::Exit(..)), "{end:?}");
    assert!(sys.stderr_text().contains("can't fork"));
    let (_, end) = go("yes > /dev/null", 1_000);
    assert_eq!(end, End::Running);
}

#[test]
fn syntax_error_after_a_good_line() {
    let (sys, end) = go("echo hi\nfi", 1_000);
    assert_eq!(sys.stdout_text(), "hi\n");
    assert_eq!(sys.stderr_text(), "sh: syntax error: unexpected \"fi\"\n");
    assert_eq!(end, End::Exit(2, SimTime(0)));
    let (sys, _) = go("while true; do", 1_000);
    assert_eq!(
        sys.stderr_text(),
        "sh: syntax error: unexpected end of file (expecting \"done\")\n"
    );
}

#[test]
fn dash_wording_in_debian_images() {
    let cfg = Config {
        flavor: podplay_core::shell::Flavor::Dash,
        userland: podplay_core::shell::Userland::Debian,
        ..Config::default()
    };
    let mut sys = MemSys::new();
    let mut p = Shell::script(cfg.clone(), "cat /x; nosuch", "sh", &[]);
    assert_eq!(run(&mut p, &mut sys, 1000), End::Exit(127, SimTime(0)));
    assert_eq!(
        sys.stderr_text(),
        "cat: /x: No such file or directory\nsh: 1: nosuch: not found\n"
    );
    let mut sys = MemSys::new();
    let mut p = Shell::script(cfg, "echo a\ndone", "sh", &[]);
    run(&mut p, &mut sys, 1000);
    assert_eq!(
        sys.stderr_text(),
        "sh: 2: Syntax error: \"done\" unexpected\n"
    );
}
