//! Known images and the seed manifests' commands, driven through an in-memory Sys.

mod testsys;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use podplay_core::os::*;
use podplay_core::programs::{entrypoint, exec, image_info, Spawn};
use testsys::{run, End, MemSys};

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn start(image: &str, command: &[&str], args: &[&str], ports: &[(u16, Proto)]) -> Box<dyn Program> {
    let (c, a) = (s(command), s(args));
    entrypoint(&Spawn {
        image,
        command: &c,
        args: &a,
        stdin: false,
        tty: false,
        declared_ports: ports,
        working_dir: None,
    })
}

/// A MemSys with the image's files.
fn sys_for(image: &str) -> MemSys {
    let info = image_info(image);
    let mut sys = MemSys::new();
    for d in info.dirs {
        sys = sys.dir(&d);
    }
    for (p, c) in info.files {
        sys = sys.file(&p, &c);
    }
    sys
}

fn probe(image: &str, argv: &[&str], sys: &mut MemSys) -> End {
    let mut p = exec(image, &s(argv));
    run(p.as_mut(), sys, sys.now.0 + 1000)
}

#[test]
fn liveness_exec_probe_before_and_after_30s() {
    let mut sys = sys_for("k8s.gcr.io/busybox");
    let mut p = start(
        "k8s.gcr.io/busybox",
        &[],
        &[
            "/bin/sh",
            "-c",
            "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600",
        ],
        &[],
    );
    assert_eq!(run(p.as_mut(), &mut sys, 5_000), End::Running);
    assert!(matches!(
        probe("k8s.gcr.io/busybox", &["cat", "/tmp/healthy"], &mut sys),
        End::Exit(0, _)
    ));
    assert_eq!(run(p.as_mut(), &mut sys, 35_000), End::Running);
    sys.output.clear();
    assert!(matches!(
        probe("k8s.gcr.io/busybox", &["cat", "/tmp/healthy"], &mut sys),
        End::Exit(1, _)
    ));
    assert_eq!(
        sys.stderr_text(),
        "cat: can't open '/tmp/healthy': No such file or directory\n"
    );
}

#[test]
fn initpod_waits_for_the_service() {
    let script = "until nslookup k8sbook; do echo waiting for k8sbook service; sleep 1; done; echo Service found!";
    let mut sys = sys_for("busybox");
    let mut p = start("busybox", &["sh", "-c", script], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 2_500), End::Running);
    let out = sys.stdout_text();
    assert!(
        out.contains("** server can't find k8sbook.default.svc.cluster.local: NXDOMAIN"),
        "{out}"
    );
    assert_eq!(out.matches("waiting for k8sbook service").count(), 3);
    // the Service is created
    sys.dns.insert("k8sbook".into(), "10.96.12.34".into());
    let end = run(p.as_mut(), &mut sys, 10_000);
    assert_eq!(end, End::Exit(0, SimTime(3_000)));
    let out = sys.stdout_text();
    assert!(
        out.ends_with(
            "Name:\tk8sbook.default.svc.cluster.local\nAddress: 10.96.12.34\n\nService found!\n"
        ),
        "{out}"
    );
}

#[test]
fn downward_api_loop_prints_labels_every_5s() {
    let script = "while true; do if [[ -e /etc/podinfo/labels ]]; then echo -en '\\n\\n'; cat /etc/podinfo/labels; fi; if [[ -e /etc/podinfo/annotations ]]; then echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi; sleep 5; done;";
    let mut sys = sys_for("k8s.gcr.io/busybox").file(
        "/etc/podinfo/labels",
        "cluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\"",
    );
    let mut p = start("k8s.gcr.io/busybox", &["sh", "-c"], &[script], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 12_000), End::Running);
    let out = sys.stdout_text();
    assert_eq!(out.matches("rack=\"rack-22\"").count(), 3, "{out}");
    assert!(out.starts_with("\n\ncluster=\"test-cluster1\""));
    // no SIGTERM handler: PID 1 ignores it (the pod waits for the grace period)
    assert_eq!(p.signal(Signal::Term), SignalOutcome::Ignore);
    assert_eq!(
        p.signal(Signal::Kill),
        SignalOutcome::Exit {
            code: 137,
            after_ms: 0
        }
    );
}

#[test]
fn example_pod_sh_c_typo() {
    let mut sys = MemSys::new();
    let mut p = start("example_image", &["sh", "c", "echo Hello K8s!"], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Exit(2, SimTime(0)));
    assert_eq!(
        sys.stderr_text(),
        "sh: can't open 'c': No such file or directory\n"
    );
}

#[test]
fn javaweb_init_container_copies_the_war() {
    let mut sys = sys_for("geektime/sample:v2").dir("/app");
    let mut p = start(
        "geektime/sample:v2",
        &["cp", "/sample.war", "/app"],
        &[],
        &[],
    );
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Exit(0, SimTime(0)));
    assert!(sys.files.contains_key("/app/sample.war"));
    // tomcat: the custom start script is assumed to be catalina.sh run
    let mut sys = sys_for("geektime/tomcat:7.0");
    let mut p = start(
        "geektime/tomcat:7.0",
        &["sh", "-c", "/root/apache-tomcat-7.0.42-v2/bin/start.sh"],
        &[],
        &[(8080, Proto::Tcp)],
    );
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Running);
    assert!(sys.listening.is_empty());
    assert_eq!(run(p.as_mut(), &mut sys, 5000), End::Idle(SimTime(3000)));
    assert!(sys.listening.contains(&(8080, Proto::Tcp)));
    assert!(sys.notes.iter().any(|n| n.contains("tomcat start script")));
}

#[test]
fn unknown_command_path_is_not_found() {
    let mut sys = MemSys::new();
    let mut p = start("busybox", &["sh", "-c", "/root/app/start.sh"], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Exit(127, SimTime(0)));
    assert_eq!(sys.stderr_text(), "sh: /root/app/start.sh: not found\n");
    // exec'd directly by the runtime: a start error
    let p = start("busybox", &["/root/app/start.sh"], &[], &[]);
    let mut p = p;
    assert_eq!(
        run(p.as_mut(), &mut MemSys::new(), 1000),
        End::Exit(128, SimTime(0))
    );
    assert_eq!(
        p.start_error().as_deref(),
        Some("exec: \"/root/app/start.sh\": stat /root/app/start.sh: no such file or directory")
    );
}

#[test]
fn busybox_default_sh_exits_without_stdin_and_waits_with_it() {
    let mut sys = sys_for("busybox");
    let mut p = start("busybox", &[], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Exit(0, SimTime(0)));
    let (c, a) = (Vec::new(), Vec::new());
    let mut p = entrypoint(&Spawn {
        image: "busybox",
        command: &c,
        args: &a,
        stdin: true,
        tty: true,
        declared_ports: &[],
        working_dir: None,
    });
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Idle(SimTime(0)));
    assert_eq!(sys.stdout_text(), "/ # ");
}

#[test]
fn nginx_serves_the_welcome_page_and_logs() {
    let mut sys = sys_for("nginx");
    let mut p = start("nginx", &[], &[], &[(80, Proto::Tcp)]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Idle(SimTime(0)));
    assert!(sys.listening.contains(&(80, Proto::Tcp)));
    assert!(sys
        .stdout_text()
        .contains("Configuration complete; ready for start up"));
    let names: Vec<String> = p.processes().into_iter().map(|p| p.command).collect();
    assert_eq!(
        names,
        [
            "nginx: master process nginx -g daemon off;",
            "nginx: worker process",
            "nginx: worker process"
        ]
    );
    sys.now = SimTime(5_000);
    let r = p.serve(
        &HttpRequest {
            host: "10.244.0.5".into(),
            port: 80,
            path: "/".into(),
            headers: vec![("User-Agent".into(), "kube-probe/1.37".into())],
            client: None,
        },
        &mut sys,
    );
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Welcome to nginx!"));
    assert!(sys.stdout_text().ends_with("10.244.0.1 - - [01/Jan/2026:00:00:05 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.37\" \"-\"\n"));
    let r = p.serve(
        &HttpRequest {
            host: "x".into(),
            port: 80,
            path: "/nope".into(),
            headers: vec![],
            client: None,
        },
        &mut sys,
    );
    assert_eq!(r.status, 404);
    // preStop: nginx -s quit signals the master
    sys.procs = vec![(
        1,
        ProcInfo {
            command: "nginx: master process nginx -g daemon off;".into(),
            user: "root".into(),
        },
    )];
    let mut q = exec("nginx", &s(&["/usr/sbin/nginx", "-s", "quit"]));
    assert_eq!(q.poll(&mut sys), Poll::Exit(0));
    assert_eq!(
        sys.signals,
        [("nginx: master process".to_string(), Signal::Quit)]
    );
    assert_eq!(p.signal(Signal::Quit), SignalOutcome::Handled);
    assert!(matches!(run(p.as_mut(), &mut sys, 10_000), End::Exit(0, _)));
    assert!(sys
        .stderr_text()
        .contains("signal 3 (SIGQUIT) received, shutting down"));
}

#[test]
fn nginx_port_clash_in_one_pod() {
    let mut sys = sys_for("nginx");
    sys.taken.insert(80);
    let mut p = start("nginx", &[], &[], &[(80, Proto::Tcp)]);
    assert_eq!(
        run(p.as_mut(), &mut sys, 10_000),
        End::Exit(1, SimTime(2_500))
    );
    let err = sys.stderr_text();
    assert_eq!(
        err.matches("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)")
            .count(),
        5
    );
    assert!(
        err.ends_with("nginx: [emerg] still could not bind()\n"),
        "{err}"
    );
}

#[test]
fn nginx_proxies_to_a_second_container_over_localhost() {
    let conf =
        "server {\n  listen 8081;\n  location / {\n    proxy_pass http://127.0.0.1:8000;\n  }\n}\n";
    let mut sys = sys_for("nginx").file("/etc/nginx/conf.d/default.conf", conf);
    sys.responders.insert(
        8000,
        Box::new(|req: &HttpRequest| HttpResponse {
            status: 200,
            body: format!("app saw {}", req.path),
        }),
    );
    let mut p = start("nginx", &[], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Idle(SimTime(0)));
    assert!(sys.listening.contains(&(8081, Proto::Tcp)));
    assert!(!sys.listening.contains(&(80, Proto::Tcp)));
    assert!(sys
        .stdout_text()
        .contains("differs from the packaged version"));
    let r = p.serve(
        &HttpRequest {
            host: "localhost".into(),
            port: 8081,
            path: "/api".into(),
            headers: vec![],
            client: None,
        },
        &mut sys,
    );
    assert_eq!((r.status, r.body.as_str()), (200, "app saw /api"));
    assert_eq!(
        sys.requests.last().map(|r| (r.host.as_str(), r.port)),
        Some(("127.0.0.1", 8000))
    );
    // nothing on 8000: 502 with the image's 50x page is not configured here → nginx's page
    sys.responders.clear();
    let r = p.serve(
        &HttpRequest {
            host: "localhost".into(),
            port: 8081,
            path: "/".into(),
            headers: vec![],
            client: None,
        },
        &mut sys,
    );
    assert_eq!(r.status, 502);
}

#[test]
fn nginx_config_error() {
    let mut sys =
        sys_for("nginx").file("/etc/nginx/conf.d/default.conf", "server {\n listen 80;\n");
    let mut p = start("nginx", &[], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Exit(1, SimTime(0)));
    assert!(sys.stderr_text().contains("nginx: [emerg] unexpected end of file, expecting \"}\" in /etc/nginx/conf.d/default.conf:2"), "{}", sys.stderr_text());
}

#[test]
fn liveness_http_server_is_healthy_for_10s() {
    let mut sys = MemSys::new();
    let mut p = start("k8s.gcr.io/liveness", &[], &["/server"], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Idle(SimTime(0)));
    let req = HttpRequest {
        host: "10.244.0.5".into(),
        port: 8080,
        path: "/healthz".into(),
        headers: vec![("Custom-Header".into(), "Awesome".into())],
        client: None,
    };
    for (t, status) in [(3_000, 200), (9_000, 200), (10_000, 200), (12_000, 500)] {
        sys.now = SimTime(t);
        assert_eq!(p.serve(&req, &mut sys).status, status, "at {t}");
    }
    sys.now = SimTime(12_000);
    assert_eq!(p.serve(&req, &mut sys).body, "error: 12");
}

#[test]
fn stress_allocates_its_vm_bytes() {
    let mut sys = MemSys::new();
    let mut p = start(
        "polinux/stress",
        &["stress"],
        &["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"],
        &[],
    );
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Idle(SimTime(0)));
    assert_eq!(sys.memory, (150 << 20) + (1 << 20));
    assert_eq!(
        sys.stdout_text(),
        "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n"
    );
    let mut sys = MemSys::new();
    let mut p = start("polinux/stress", &["stress"], &["--cpu", "2"], &[]);
    run(p.as_mut(), &mut sys, 1000);
    assert_eq!(sys.cpu, 2000);
}

#[test]
fn mysql_without_password_fails() {
    let mut sys = MemSys::new();
    let mut p = start("mysql", &[], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Exit(1, SimTime(0)));
    assert!(sys.stderr_text().contains("[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of the following as an environment variable:\n\t- MYSQL_ROOT_PASSWORD\n"));
    let mut sys = MemSys::new();
    sys.env.insert("MYSQL_ROOT_PASSWORD".into(), "pw".into());
    let mut p = start("mysql", &[], &[], &[]);
    assert_eq!(
        run(p.as_mut(), &mut sys, 30_000),
        End::Idle(SimTime(15_000))
    );
    assert!(sys.listening.contains(&(3306, Proto::Tcp)));
    assert_eq!(sys.memory, 350 << 20);
}

#[test]
fn git_sync_writes_a_labelled_checkout() {
    let mut sys = MemSys::new();
    for (k, v) in [
        ("GIT_SYNC_REPO", "https://github.com/feyfree/ps-sidecar.git"),
        ("GIT_SYNC_BRANCH", "master"),
        ("GIT_SYNC_DEPTH", "1"),
        ("GIT_SYNC_DEST", "html"),
    ] {
        sys.env.insert(k.into(), v.into());
    }
    let mut p = start("k8s.gcr.io/git-sync:v3.1.6", &[], &[], &[]);
    assert_eq!(run(p.as_mut(), &mut sys, 3_000), End::Running);
    let page = sys
        .files
        .get("/tmp/git/html/index.html")
        .cloned()
        .unwrap_or_default();
    assert!(page.contains("Simulated git-sync checkout") && page.contains("feyfree/ps-sidecar"));
    assert!(sys.notes.iter().any(|n| n.contains("cannot reach")));
}

#[test]
fn unknown_image_listens_on_declared_ports() {
    let mut sys = MemSys::new();
    let mut p = start("example/app:1", &[], &[], &[(9000, Proto::Tcp)]);
    assert_eq!(run(p.as_mut(), &mut sys, 1000), End::Idle(SimTime(0)));
    assert!(sys.listening.contains(&(9000, Proto::Tcp)));
    assert!(sys.notes[0].starts_with(
        "image example/app:1 is not known to the playground; assuming it runs until stopped"
    ));
    assert_eq!(
        p.serve(
            &HttpRequest {
                host: "x".into(),
                port: 9000,
                path: "/".into(),
                headers: vec![],
                client: None,
            },
            &mut sys
        )
        .status,
        200
    );
}

#[test]
fn nginx_image_has_curl_and_dash() {
    let mut sys = sys_for("nginx");
    sys.responders.insert(
        80,
        Box::new(|_req: &HttpRequest| HttpResponse {
            status: 500,
            body: "boom".into(),
        }),
    );
    let mut p = exec(
        "nginx",
        &s(&["sh", "-c", "curl -sf http://localhost/; echo $?; ps"]),
    );
    assert!(matches!(run(p.as_mut(), &mut sys, 1000), End::Exit(127, _)));
    assert_eq!(sys.stdout_text(), "22\n");
    assert_eq!(sys.stderr_text(), "sh: 1: ps: not found\n");
}

#[test]
fn lifecycle_post_start_hook_in_nginx() {
    let mut sys = sys_for("nginx");
    let end = probe(
        "nginx",
        &[
            "/bin/sh",
            "-c",
            "echo hello from the postStart handler > /usr/share/message",
        ],
        &mut sys,
    );
    assert!(matches!(end, End::Exit(0, _)), "{end:?}");
    assert_eq!(
        sys.files.get("/usr/share/message").map(|s| s.as_str()),
        Some("hello from the postStart handler\n")
    );
}
