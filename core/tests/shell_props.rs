#![cfg(not(target_arch = "wasm32"))]
//! Property tests: any script, however broken, parses and runs without a panic and within
//! bounded work.

mod testsys;

use podplay_core::shell::{Config, Shell};
use proptest::prelude::*;
use testsys::{run, MemSys};

fn token() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "echo",
        "x=1",
        "$x",
        "${x:-a}",
        "${#x}",
        "$(",
        ")",
        "`",
        "'",
        "\"",
        ";",
        "&&",
        "||",
        "|",
        "&",
        "{",
        "}",
        "(",
        "if",
        "then",
        "else",
        "fi",
        "while",
        "until",
        "do",
        "done",
        "for",
        "in",
        "case",
        "esac",
        ";;",
        "f()",
        "return",
        "break",
        "continue",
        "exit",
        "sleep 1",
        "cat /etc/hostname",
        "> /tmp/f",
        "< /tmp/f",
        "2>&1",
        "<<EOF",
        "EOF",
        "\n",
        "$((",
        "))",
        "1+",
        "*",
        "[",
        "]",
        "[[",
        "]]",
        "-e",
        "trap 'echo t' TERM",
        "wait",
        "kill $$",
        "read v",
        "true",
        "false",
        "yes",
        "head -n 1",
        "seq 3",
        "!",
        "#",
        "\\",
        "~",
        "$@",
        "$1",
        "set --",
        "shift",
        "eval",
        "exec",
    ])
    .prop_map(|s| s.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn random_scripts_never_panic_or_hang(tokens in prop::collection::vec(token(), 0..40)) {
        let src = tokens.join(" ");
        let mut sys = MemSys::new();
        let mut p = Shell::script(Config::default(), &src, "sh", &[]);
        let _ = run(&mut p, &mut sys, 3_000);
    }

    #[test]
    fn random_bytes_never_panic(src in "\\PC{0,200}") {
        let mut sys = MemSys::new();
        let mut p = Shell::script(Config::default(), &src, "sh", &[]);
        let _ = run(&mut p, &mut sys, 1_000);
    }
}
