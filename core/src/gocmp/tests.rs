use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn s(v: &str) -> GoValue {
    GoValue::string(v)
}
fn st(name: &str, fields: Vec<(&str, GoValue)>) -> GoValue {
    GoValue::new(GoType::named(name), Kind::Struct(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect()))
}
fn strings(items: &[&str]) -> GoValue {
    GoValue::new(GoType::unnamed("[]string"), Kind::Slice(Some(items.iter().map(|i| s(i)).collect()), GoType::unnamed("string")))
}
fn nil_strings() -> GoValue {
    GoValue::new(GoType::unnamed("[]string"), Kind::Slice(None, GoType::unnamed("string")))
}

#[test]
fn equal_values_have_no_diff() {
    let a = st("x.T", vec![("A", s("a"))]);
    assert_eq!(diff(&a, &a.clone()), "");
}

#[test]
fn a_changed_field_is_printed_between_its_neighbours_and_the_rest_is_elided() {
    let mk = |v: i64| {
        st(
            "core.T",
            (0..8)
                .map(|i| {
                    let name: &str = ["A", "B", "C", "D", "E", "F", "G", "H"][i];
                    (name, if i == 4 { GoValue::int("int32", v) } else { s(&format!("v{i}")) })
                })
                .collect(),
        )
    };
    let got = diff(&mk(1), &mk(2));
    let want = "  core.T{\n  \t... // 2 identical fields\n  \tC: \"v2\",\n  \tD: \"v3\",\n- \tE: 1,\n+ \tE: 2,\n  \tF: \"v5\",\n  \tG: \"v6\",\n  \tH: \"v7\",\n  }\n";
    assert_eq!(got, want);
}

#[test]
fn nil_and_empty_slices_differ_and_nil_prints_as_nil() {
    let a = st("core.C", vec![("Args", nil_strings()), ("X", s(""))]);
    let b = st("core.C", vec![("Args", strings(&[])), ("X", s(""))]);
    let got = diff(&a, &b);
    assert_eq!(got, "  core.C{\n- \tArgs: nil,\n+ \tArgs: []string{},\n  \tX:    \"\",\n  }\n");
}

#[test]
fn slice_elements_are_aligned_by_the_edit_script() {
    // an element modified in a list of strings (the kube-scheduler transcript's shape)
    let a = st("core.C", vec![("Command", strings(&["kube-schedulerrrr", "--a", "--b", "--c", "--d", "--e"]))]);
    let b = st("core.C", vec![("Command", strings(&["kube-scheduler", "--a", "--b", "--c", "--d", "--e"]))]);
    let got = diff(&a, &b);
    assert_eq!(
        got,
        "  core.C{\n  \tCommand: []string{\n- \t\t\"kube-schedulerrrr\",\n+ \t\t\"kube-scheduler\",\n  \t\t\"--a\",\n  \t\t\"--b\",\n  \t\t... // 3 identical elements\n  \t},\n  }\n"
    );
    // an inserted element
    let a = st("core.C", vec![("Command", strings(&["a", "b"]))]);
    let b = st("core.C", vec![("Command", strings(&["a", "x", "b"]))]);
    assert_eq!(diff(&a, &b), "  core.C{\n  \tCommand: []string{\n  \t\t\"a\",\n+ \t\t\"x\",\n  \t\t\"b\",\n  \t},\n  }\n");
    assert_eq!(difference(3, 2, &|i, j| if [0, 2].contains(&i) && [(0, 0), (2, 1)].contains(&(i, j)) { (1, 0) } else { (0, 2) }), vec![Edit::Identity, Edit::UniqueX, Edit::Identity]);
}

#[test]
fn pointers_print_with_an_ampersand_and_maps_sort_their_keys() {
    let p = |v: Option<i64>| GoValue::new(GoType::unnamed("*int64"), Kind::Ptr(v.map(|v| Box::new(GoValue::int("int64", v)))));
    let m = |e: &[(&str, &str)]| {
        GoValue::new(GoType::unnamed("map[string]string"), Kind::Map(Some(e.iter().map(|(k, v)| (s(k), s(v))).collect())))
    };
    let a = st("core.S", vec![("Grace", p(Some(30))), ("Sel", m(&[("a", "1"), ("b", "2")]))]);
    let b = st("core.S", vec![("Grace", p(None)), ("Sel", m(&[("a", "1"), ("b", "3")]))]);
    assert_eq!(
        diff(&a, &b),
        "  core.S{\n- \tGrace: &30,\n+ \tGrace: nil,\n  \tSel: map[string]string{\n  \t\t\"a\": \"1\",\n- \t\t\"b\": \"2\",\n+ \t\t\"b\": \"3\",\n  \t},\n  }\n"
    );
}

#[test]
fn long_identical_strings_are_cut_and_stats_read_as_english() {
    let long = "x".repeat(70);
    let a = st("core.S", vec![("A", s(&long)), ("B", s("1"))]);
    let b = st("core.S", vec![("A", s(&long)), ("B", s("2"))]);
    assert_eq!(diff(&a, &b), format!("  core.S{{\n  \tA: \"{}\"...,\n- \tB: \"1\",\n+ \tB: \"2\",\n  }}\n", "x".repeat(64)));
    let st = report_stats_text();
    assert_eq!(st, ["1 identical field", "2 identical entries", "1 removed and 2 inserted elements", "1 identical, 1 removed, and 1 modified elements"]);
}

fn report_stats_text() -> Vec<String> {
    report::stats_texts()
}

/// The kubectl transcript quoted in a course's notes (find_string "core.PodSpec{", a client-pod
/// whose containerPort changed from 3000 to 3001, Kubernetes 1.2x): the same pod and change,
/// rendered through the 1.37 types, prints the same lines for the parts both versions share.
#[test]
fn the_port_change_transcript() {
    let yaml = |port: u16| {
        format!(
            "volumes:\n- name: kube-api-access-xg74c\n  projected:\n    sources:\n    - serviceAccountToken:\n        expirationSeconds: 3607\n        path: token\n    - configMap:\n        name: kube-root-ca.crt\n        items:\n        - key: ca.crt\n          path: ca.crt\n    - downwardAPI:\n        items:\n        - path: namespace\n          fieldRef:\n            apiVersion: v1\n            fieldPath: metadata.namespace\n    defaultMode: 420\ncontainers:\n- name: client\n  image: stephengrider/multi-client\n  ports:\n  - containerPort: {port}\n    protocol: TCP\n  resources: {{}}\n  terminationMessagePath: /dev/termination-log\n  terminationMessagePolicy: File\n  imagePullPolicy: Always\nrestartPolicy: Always\n"
        )
    };
    let tree = |t: &str| crate::yaml::parse_stream(t).into_iter().next().and_then(|d| d.root).unwrap_or_else(|| panic!("yaml"));
    let old = podspec::spec_for_test(&tree(&yaml(3000)), true);
    let new = podspec::spec_for_test(&tree(&yaml(3001)), false);
    let got = diff(&old, &new);
    let want_lines = [
        "  core.PodSpec{",
        "  \tVolumes:        {{Name: \"kube-api-access-xg74c\", VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: 3607, Path: \"token\"}}, {ConfigMap: &{LocalObjectReference: {Name: \"kube-root-ca.crt\"}, Items: {{Key: \"ca.crt\", Path: \"ca.crt\"}}}}, {DownwardAPI: &{Items: {{Path: \"namespace\", FieldRef: &{APIVersion: \"v1\", FieldPath: \"metadata.namespace\"}}}}}}, DefaultMode: &420}}}},",
        "  \tInitContainers: nil,",
        "  \tContainers: []core.Container{",
        "  \t\t{",
        "  \t\t\t... // 3 identical fields",
        "  \t\t\tArgs:       nil,",
        "  \t\t\tWorkingDir: \"\",",
        "  \t\t\tPorts: []core.ContainerPort{",
        "  \t\t\t\t{",
        "  \t\t\t\t\tName:          \"\",",
        "  \t\t\t\t\tHostPort:      0,",
        "- \t\t\t\t\tContainerPort: 3000,",
        "+ \t\t\t\t\tContainerPort: 3001,",
        "  \t\t\t\t\tProtocol:      \"TCP\",",
        "  \t\t\t\t\tHostIP:        \"\",",
        "  \t\t\t\t},",
        "  \t\t\t},",
        "  \t\t\tEnvFrom: nil,",
        "  \t\t\tEnv:     nil,",
        // 1.2x had 16 fields after Env; 1.37 adds RestartPolicyRules
        "  \t\t\t... // 17 identical fields",
        "  \t\t},",
        "  \t},",
        "  \tEphemeralContainers: nil,",
        "  \tRestartPolicy:       \"Always\",",
        // 1.2x had 28 fields after RestartPolicy; 1.37 has 32
        "  \t... // 32 identical fields",
        "  }",
    ];
    assert_eq!(got, want_lines.join("\n") + "\n");
}

#[test]
fn long_strings_are_diffed_in_chunks_and_joined() {
    // report_slices.go: two strings of 64 bytes or more get a byte diff printed in chunks of 64
    let head = "while true; do echo \"$(date) hello from the sidecar container\"; sleep ";
    let a = st("core.C", vec![("Arg", s(&format!("{head}10; done")))]);
    let b = st("core.C", vec![("Arg", s(&format!("{head}5; done")))]);
    let got = diff(&a, &b);
    let want = format!(
        "  core.C{{\n  \tArg: strings.Join({{\n  \t\t`{}`,\n  \t\t\"{}\",\n- \t\t\"10\",\n+ \t\t\"5\",\n  \t\t\"; done\",\n  \t}}, \"\"),\n  }}\n",
        head.get(..64).unwrap_or_default(),
        head.get(64..).unwrap_or_default()
    );
    assert_eq!(got, want);
    // a slice of numbers that is mostly different
    let ints = |v: &[i64]| {
        GoValue::new(GoType::unnamed("[]int64"), Kind::Slice(Some(v.iter().map(|i| GoValue::int("int64", *i)).collect()), GoType::unnamed("int64")))
    };
    let a = st("core.P", vec![("Groups", ints(&[1, 2]))]);
    let b = st("core.P", vec![("Groups", ints(&[3, 4]))]);
    assert_eq!(diff(&a, &b), "  core.P{\n  \tGroups: []int64{\n- \t\t1, 2,\n+ \t\t3, 4,\n  \t},\n  }\n");
}

/// A transcript quoted in a course's notes (find_string "core.PodSpec{": `kubectl apply` of a pod
/// whose imagePullSecrets was removed, older Kubernetes): the lines around the change are the
/// same; only the count of trailing fields differs (1.37's PodSpec has 21 fields after
/// Subdomain, the transcript's version 14).
#[test]
fn the_image_pull_secrets_transcript() {
    let tree = |t: &str| crate::yaml::parse_stream(t).into_iter().next().and_then(|d| d.root).unwrap_or_else(|| panic!("yaml"));
    let base = "containers:\n- name: c\n  image: busybox\nnodeName: k8s-minion2\nsecurityContext: {}\n";
    let old = podspec::spec_for_test(&tree(&format!("{base}imagePullSecrets:\n- name: ashuimgsec\n")), true);
    let new = podspec::spec_for_test(&tree(base), false);
    let want = [
        "  core.PodSpec{",
        "  \t... // 11 identical fields",
        "  \tNodeName:         \"k8s-minion2\",",
        "  \tSecurityContext:  &{},",
        "- \tImagePullSecrets: []core.LocalObjectReference{{Name: \"ashuimgsec\"}},",
        "+ \tImagePullSecrets: nil,",
        "  \tHostname:         \"\",",
        "  \tSubdomain:        \"\",",
        "  \t... // 21 identical fields",
        "  }",
    ];
    assert_eq!(diff(&old, &new), want.join("\n") + "\n");
}

/// A transcript quoted in a blog's notes (find_string "core.PodSpec{": an env var from a secret
/// added to a postgres pod): the inserted value is cut by go-cmp's verbosity (`{...}`) and
/// broken over lines because it is longer than 80 columns.
#[test]
fn the_env_from_secret_transcript() {
    let tree = |t: &str| crate::yaml::parse_stream(t).into_iter().next().and_then(|d| d.root).unwrap_or_else(|| panic!("yaml"));
    let base = "containers:\n- name: postgres\n  image: postgres\n";
    let env = "  env:\n  - name: POSTGRES_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: postgres-secret\n        key: POSTGRES_PASSWORD\n";
    let old = podspec::spec_for_test(&tree(base), true);
    let new = podspec::spec_for_test(&tree(&format!("{base}{env}")), false);
    let got = diff(&old, &new);
    let want = [
        "  \tContainers: []core.Container{",
        "  \t\t{",
        "  \t\t\t... // 5 identical fields",
        "  \t\t\tPorts:   nil,",
        "  \t\t\tEnvFrom: nil,",
        "- \t\t\tEnv:     nil,",
        "+ \t\t\tEnv: []core.EnvVar{",
        "+ \t\t\t\t{",
        "+ \t\t\t\t\tName:      \"POSTGRES_PASSWORD\",",
        "+ \t\t\t\t\tValueFrom: &core.EnvVarSource{SecretKeyRef: &core.SecretKeySelector{...}},",
        "+ \t\t\t\t},",
        "+ \t\t\t},",
        "  \t\t\tResources:    {},",
    ];
    assert!(got.contains(&want.join("\n")), "{got}");
}
