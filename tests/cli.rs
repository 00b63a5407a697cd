//! Command-line behaviour: exit codes, stdin, folders, --out-dir, closed stdout, rule errors.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

const SEED: &str = "testdata/devdiscourse/000_ee075fbc00a359f0.txt";
const SEED2: &str = "testdata/devdiscourse/001_49e7fa0b8c2722ee.txt";

fn dechrome() -> Command {
    let mut c = Command::cargo_bin("dechrome").unwrap();
    c.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Each line of `text` read as JSON.
fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn run_stdin(cmd: &mut Command, input: &[u8]) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn expected_body(page: &str) -> String {
    let e: toml::Table = toml::from_str(
        &std::fs::read_to_string(Path::new(page).with_extension("expect.toml")).unwrap(),
    )
    .unwrap();
    e["body"]
        .as_str()
        .unwrap()
        .trim_start_matches('\n')
        .to_string()
}

#[test]
fn clean_prints_exactly_the_body() {
    for page in [SEED, SEED2] {
        let r = run(dechrome().args(["clean", page]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, expected_body(page));
        assert_eq!(r.stderr, "");
    }
}

#[test]
fn stdin_is_read_with_no_input_and_with_dash() {
    let input = std::fs::read(SEED).unwrap();
    for args in [&["clean"][..], &["clean", "-"][..]] {
        let r = run_stdin(dechrome().args(args), &input);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, expected_body(SEED));
    }
}

#[test]
fn json_has_every_field() {
    let r = run(dechrome().args(["clean", "--format", "json", SEED2]));
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim_end()).unwrap();
    assert_eq!(r.stdout.lines().count(), 1, "one object on one line");
    assert_eq!(v["path"], SEED2);
    assert_eq!(v["site"], "devdiscourse");
    assert_eq!(v["input"], "text");
    assert_eq!(v["meta"]["date"], "2025-03-21");
    assert_eq!(v["meta"]["author"], "Devdiscourse News Desk");
    assert_eq!(v["meta"]["location"], "Seoul");
    assert_eq!(v["meta"]["countries"], serde_json::json!(["South Korea"]));
    assert_eq!(v["meta"]["credit"], "With inputs from agencies.");
    assert!(v["title"]
        .as_str()
        .unwrap()
        .starts_with("Diplomatic Tensions"));
    assert!(v["summary"]
        .as_str()
        .unwrap()
        .starts_with("A high-level meeting"));
    assert_eq!(
        format!("{}\n", v["body"].as_str().unwrap()),
        expected_body(SEED2)
    );
    let removed = v["removed"].as_array().unwrap();
    let trending = removed
        .iter()
        .find(|r| r["rule"] == "devdiscourse/trending")
        .unwrap();
    assert_eq!(trending["lines"], serde_json::json!([21, 85]));
    assert_eq!(trending["text"], "TRENDING");
    assert_eq!(trending["label"], "chrome");
}

#[test]
fn markdown_has_title_summary_body() {
    let r = run(dechrome().args(["clean", "--format", "markdown", SEED]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with(
        "# Strategic Alliances: Sergei Shoigu's Visit to North Korea\n\n> Sergei Shoigu, "
    ));
    assert!(r.stdout.ends_with(&expected_body(SEED)));
}

#[test]
fn a_missing_file_fails_alone_with_exit_1() {
    let r = run(dechrome().args(["clean", SEED, "no/such/page.txt", SEED2]));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "dechrome: no/such/page.txt: no such file or directory\n"
    );
    // Both good pages were cleaned, in order, each under a header.
    let first = r.stdout.find("==> testdata/devdiscourse/000_").unwrap();
    let second = r.stdout.find("==> testdata/devdiscourse/001_").unwrap();
    assert!(first < second);
    assert!(r.stdout.contains(&expected_body(SEED)));
    assert!(r.stdout.contains(&expected_body(SEED2)));
}

#[test]
fn folders_are_walked_and_out_dir_mirrors_them() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    std::fs::create_dir_all(src.join("a/b")).unwrap();
    std::fs::copy(SEED, src.join("a/b/page.txt")).unwrap();
    std::fs::copy(SEED2, src.join("top.html.gz.txt")).unwrap();
    std::fs::write(src.join(".hidden.txt"), "hidden").unwrap();
    let out = tmp.path().join("out");
    let r = run(dechrome()
        .args(["clean", "--format", "json", "--out-dir"])
        .arg(&out)
        .arg(&src));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("a/b/page.json")).unwrap()).unwrap();
    assert_eq!(v["site"], "devdiscourse");
    assert!(out.join("top.html.gz.json").exists());
    assert!(!out.join(".hidden.json").exists());
    // Text format keeps the .txt name.
    let out2 = tmp.path().join("out2");
    let r = run(dechrome().args(["clean", "--out-dir"]).arg(&out2).arg(&src));
    assert_eq!(r.code, 0);
    assert_eq!(
        std::fs::read_to_string(out2.join("a/b/page.txt")).unwrap(),
        expected_body(SEED)
    );
}

#[test]
fn fsync_writes_the_same_files_and_needs_out_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = run(dechrome()
        .args(["clean", "--fsync", "--out-dir"])
        .arg(&out)
        .args([SEED, SEED2]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A file argument keeps its relative path below the folder.
    assert_eq!(
        std::fs::read_to_string(out.join(SEED)).unwrap(),
        expected_body(SEED)
    );
    // Without a folder to write to there is nothing to flush: refused, not ignored.
    let r = run(dechrome().args(["clean", "--fsync", SEED]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--out-dir"), "{}", r.stderr);
}

#[test]
fn gz_inputs_are_read_transparently() {
    let tmp = tempfile::tempdir().unwrap();
    let gz = tmp.path().join("page.txt.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(&std::fs::read(SEED).unwrap()).unwrap();
    enc.finish().unwrap();
    let r = run(dechrome().arg("clean").arg(&gz));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, expected_body(SEED));
}

#[test]
fn out_dir_never_overwrites_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("page.txt");
    std::fs::copy(SEED, &page).unwrap();
    let original = std::fs::read(&page).unwrap();
    let r = run(dechrome()
        .args(["clean", "--out-dir"])
        .arg(tmp.path())
        .arg(tmp.path()));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("would overwrite an input"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&page).unwrap(), original);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["page.txt"]);
}

#[test]
fn invalid_utf8_is_replaced_with_one_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("bad.txt");
    let mut bytes = std::fs::read(SEED).unwrap();
    let at = bytes.windows(8).position(|w| w == b"In a mov").unwrap();
    bytes.insert(at + 5, 0xff);
    std::fs::write(&page, &bytes).unwrap();
    let r = run(dechrome().arg("clean").arg(&page));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        format!(
            "dechrome: warning: {}: invalid UTF-8: 1 byte sequence(s) replaced with U+FFFD\n",
            page.display()
        )
    );
    assert!(r.stdout.starts_with("In a \u{fffd}move reflecting"));
}

#[test]
fn crlf_and_nbsp_are_handled() {
    let input = std::fs::read_to_string(SEED)
        .unwrap()
        .replace('\n', "\r\n")
        .replace("TRENDING", "TRENDING\u{a0}");
    let r = run_stdin(dechrome().arg("clean"), input.as_bytes());
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, expected_body(SEED));
}

#[test]
fn closed_stdout_is_not_an_error() {
    // Many inputs, reader closes after the first line.
    let mut cmd = dechrome();
    cmd.arg("clean");
    for _ in 0..300 {
        cmd.arg(SEED);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn parallel_output_is_in_input_order() {
    let pages: Vec<_> = std::fs::read_dir("testdata/devdiscourse")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let serial = run(dechrome()
        .args(["clean", "-j", "1", "--format", "json"])
        .args(&pages));
    let parallel = run(dechrome()
        .args(["clean", "-j", "4", "--format", "json"])
        .args(&pages));
    assert_eq!(serial.code, 0);
    assert_eq!(serial.stdout, parallel.stdout);
    let paths: Vec<String> = serial
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let want: Vec<String> = pages.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(paths, want);
}

#[test]
fn site_url_rules_and_no_builtin() {
    // --no-builtin: the devdiscourse set is gone, so its title is not recognised as such.
    let r = run(dechrome().args(["clean", "--no-builtin", "--format", "json", SEED]));
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["site"], serde_json::Value::Null);
    // --rules brings it back from the file; --site forces it on a page without detect hits.
    let r = run(dechrome().args([
        "clean",
        "--no-builtin",
        "--rules",
        "rules/devdiscourse.toml",
        "--format",
        "json",
        SEED,
    ]));
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["site"], "devdiscourse");
    let r = run_stdin(
        dechrome().args(["clean", "--site", "devdiscourse", "--format", "json"]),
        b"Some text\n",
    );
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["site"], "devdiscourse");
    let r = run_stdin(
        dechrome().args([
            "clean",
            "--url",
            "https://devdiscourse.com/x",
            "--format",
            "json",
        ]),
        b"Some text\n",
    );
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["site"], "devdiscourse");
}

#[test]
fn unknown_site_is_a_usage_error() {
    let r = run(dechrome().args(["clean", "--site", "nope", SEED]));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "dechrome: unknown rule set \"nope\" (known: devdiscourse, generic)\n"
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn bad_flag_is_exit_2() {
    let r = run(dechrome().args(["clean", "--format", "pdf", SEED]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value 'pdf'"), "{}", r.stderr);
}

#[test]
fn rules_list_show_check() {
    let r = run(dechrome().args(["rules", "list"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("devdiscourse"));
    assert!(r.stdout.contains("generic"));
    let r = run(dechrome().args(["rules", "show", "devdiscourse"]));
    assert_eq!(
        r.stdout,
        std::fs::read_to_string("rules/devdiscourse.toml").unwrap()
    );
    let r = run(dechrome().args([
        "rules",
        "check",
        "rules/devdiscourse.toml",
        "rules/generic.toml",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2);
}

/// Every broken rule file is refused with FILE:LINE:COLUMN: message and exit code 2, by
/// `rules check` and by `clean --rules` alike.
#[test]
fn broken_rule_files_are_refused_with_positions() {
    insta::glob!("../testdata", "rules-bad/*.toml", |path| {
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let check = run(dechrome().args(["rules", "check", &rel]));
        assert_eq!(check.code, 2, "{rel}");
        let first = check.stderr.lines().next().unwrap().to_string();
        assert!(first.starts_with(&format!("dechrome: {rel}:")), "{first}");
        let clean = run(dechrome().args(["clean", "--rules", &rel, SEED]));
        assert_eq!(clean.code, 2, "{rel}");
        assert_eq!(clean.stdout, "");
        assert_eq!(clean.stderr.lines().next().unwrap(), first);
        insta::assert_snapshot!(format!("exit {}\n{}", check.code, check.stderr));
    });
}

fn jsonl_records() -> Vec<String> {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let seed2 = std::fs::read_to_string(SEED2).unwrap();
    let mut lines = Vec::new();
    for i in 0..40 {
        let page = if i % 2 == 0 { &seed } else { &seed2 };
        lines.push(serde_json::json!({"id": i, "text": page}).to_string());
    }
    lines.insert(3, "this is not json".to_string());
    lines.insert(7, "[1, 2, 3]".to_string());
    lines.insert(9, r#"{"id": "no-field", "body": "x"}"#.to_string());
    lines.insert(11, String::new());
    lines
}

#[test]
fn jsonl_one_line_out_per_line_in_in_order() {
    let lines = jsonl_records();
    let input = lines.join("\n") + "\n";
    let serial = run_stdin(
        dechrome().args(["clean", "--jsonl", "-j", "1"]),
        input.as_bytes(),
    );
    let parallel = run_stdin(
        dechrome().args(["clean", "--jsonl", "-j", "3"]),
        input.as_bytes(),
    );
    assert_eq!(serial.code, 0, "{}", serial.stderr);
    assert_eq!(serial.stdout, parallel.stdout);
    let out: Vec<&str> = serial.stdout.lines().collect();
    assert_eq!(out.len(), lines.len());
    assert_eq!(
        serial.stderr,
        format!(
            "dechrome: warning: 4 of {} record(s) could not be cleaned; see their dechrome.error\n",
            lines.len()
        )
    );
    for (inp, outp) in lines.iter().zip(&out) {
        let o: serde_json::Value = serde_json::from_str(outp).unwrap();
        match serde_json::from_str::<serde_json::Value>(inp) {
            Ok(serde_json::Value::Object(m)) if m.contains_key("text") => {
                // The record comes back unchanged, with a dechrome object added.
                for (k, v) in &m {
                    assert_eq!(&o[k], v);
                }
                let page = if m["id"].as_i64().unwrap() % 2 == 0 {
                    SEED
                } else {
                    SEED2
                };
                assert_eq!(
                    format!("{}\n", o["dechrome"]["body"].as_str().unwrap()),
                    expected_body(page)
                );
                assert_eq!(o["dechrome"]["site"], "devdiscourse");
            }
            Ok(serde_json::Value::Object(m)) => {
                assert_eq!(o["id"], m["id"]);
                assert!(o["dechrome"]["error"]
                    .as_str()
                    .unwrap()
                    .contains("no \"html\" or \"text\" field"));
            }
            Ok(_) => {
                assert_eq!(o["raw"], inp.as_str());
                assert!(o["dechrome"]["error"]
                    .as_str()
                    .unwrap()
                    .contains("not a JSON object"));
            }
            Err(_) => {
                assert_eq!(o["raw"], inp.as_str());
                assert!(o["dechrome"]["error"]
                    .as_str()
                    .unwrap()
                    .contains("not JSON"));
            }
        }
    }
    // A plain file is read in ranges by the workers, a pipe by one reader: the same output,
    // each error naming its line.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("records.jsonl");
    std::fs::write(&file, &input).unwrap();
    for jobs in ["1", "2"] {
        let from_file = run(dechrome().args(["clean", "--jsonl", "-j", jobs]).arg(&file));
        assert_eq!(from_file.code, 0, "{}", from_file.stderr);
        assert_eq!(from_file.stdout, serial.stdout, "-j {jobs}");
        assert_eq!(from_file.stderr, serial.stderr);
    }
    assert!(
        serial.stdout.contains("\"line 4: not JSON"),
        "{:.200}",
        serial.stdout
    );
    // Standard input redirected from the file is read in ranges too, from where its offset
    // stands: here after the first line, which the shell read; the offset ends at the end.
    let script = format!(
        "read -r first; {:?} clean --jsonl -j 2; wc -c | tr -d ' '",
        env!("CARGO_BIN_EXE_dechrome")
    );
    let rest = run(Command::new("sh")
        .args(["-c", &script])
        .stdin(std::fs::File::open(&file).unwrap()));
    assert_eq!(rest.code, 0, "{}", rest.stderr);
    let want: Vec<&str> = serial.stdout.lines().skip(1).collect();
    let got: Vec<&str> = rest.stdout.lines().collect();
    assert_eq!(got.len(), want.len() + 1, "{:.300}", rest.stdout);
    // The same records, numbered from the offset.
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        let renumbered = w.replace(
            &format!("\"line {}: ", k + 2),
            &format!("\"line {}: ", k + 1),
        );
        assert_eq!(g, &renumbered, "line {}", k + 1);
    }
    assert!(got[2].contains("\"line 3: not JSON"), "{}", got[2]);
    assert_eq!(got[want.len()], "0", "bytes left after the run");
}

#[test]
fn jsonl_field_names_url_and_out_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    let rec =
        serde_json::json!({"page": seed, "link": "https://www.devdiscourse.com/x"}).to_string();
    let file = tmp.path().join("recs.jsonl");
    std::fs::write(&file, format!("{rec}\n{rec}\n")).unwrap();
    let out = tmp.path().join("out");
    let r = run(dechrome()
        .args([
            "clean",
            "--jsonl",
            "--field",
            "page",
            "--url-field",
            "link",
            "--out-dir",
        ])
        .arg(&out)
        .arg(&file));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(out.join("recs.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 2);
    for v in json_lines(&written) {
        assert_eq!(v["dechrome"]["site"], "devdiscourse");
        assert_eq!(v["link"], "https://www.devdiscourse.com/x");
    }
    // A missing JSONL file fails alone: exit 1, named on stderr.
    let r = run(dechrome()
        .args(["clean", "--jsonl", "--field", "page", "missing.jsonl"])
        .arg(&file));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "dechrome: missing.jsonl: no such file or directory\n"
    );
    assert_eq!(r.stdout.lines().count(), 2);
}

#[test]
fn stats_summarise_the_run() {
    let r = run(dechrome().args(["clean", "--stats", SEED, SEED2, "missing.txt"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("pages: 2 cleaned, 1 failed\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("devdiscourse/trending"), "{}", r.stderr);
}

#[test]
fn jsonl_record_with_a_dechrome_key_gets_it_replaced() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let text = serde_json::to_string(&seed).unwrap();
    let lines = [
        format!(r#"{{"id": 1, "dechrome": {{"old": true}}, "text": {text}}}"#),
        format!("  {{ \"id\" : 2 ,\t\"text\" : {text} }}  "),
        "{}".to_string(),
        r#"{"id": 4, "dechrome": "stale"}"#.to_string(),
    ];
    let r = run_stdin(
        dechrome().args(["clean", "--jsonl", "-j", "2"]),
        (lines.join("\n") + "\n").as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = json_lines(&r.stdout);
    assert_eq!(out.len(), lines.len());
    let body = expected_body(SEED);
    for (i, o) in out.iter().enumerate().take(2) {
        assert_eq!(o["id"], i as u64 + 1);
        assert_eq!(o["text"].as_str().unwrap(), seed);
        assert_eq!(
            format!("{}\n", o["dechrome"]["body"].as_str().unwrap()),
            body
        );
        assert!(o["dechrome"].get("old").is_none());
    }
    assert_eq!(out[2].as_object().unwrap().len(), 1);
    assert!(out[2]["dechrome"]["error"].is_string());
    assert_eq!(out[3]["id"], 4);
    assert!(out[3]["dechrome"]["error"]
        .as_str()
        .unwrap()
        .contains("no \"html\" or \"text\" field"));
}

#[test]
fn jsonl_read_error_keeps_every_line_read_before_it() {
    // A gzip stream followed by bytes that are not gzip: the 300 records decode, then reading
    // fails. Every record read before the error gets its output line; the stream is named
    // on stderr and the exit code is 1.
    let seed = std::fs::read_to_string(SEED).unwrap();
    let mut plain = String::new();
    for i in 0..300 {
        plain.push_str(&serde_json::json!({"id": i, "text": seed}).to_string());
        plain.push('\n');
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(plain.as_bytes()).unwrap();
    let mut bytes = gz.finish().unwrap();
    bytes.extend_from_slice(b"this is not a gzip member");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("broken.jsonl.gz");
    std::fs::write(&file, &bytes).unwrap();
    for jobs in ["1", "2"] {
        let r = run(dechrome().args(["clean", "--jsonl", "-j", jobs]).arg(&file));
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("broken.jsonl.gz: line 301"),
            "{}",
            r.stderr
        );
        let ids: Vec<u64> = r
            .stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(ids, (0..300).collect::<Vec<u64>>());
    }
}

/// Issue 7, point 5: `explain` lists every block of the page in input order with its label
/// and what decided it: the rule's id, or the heuristic's name, score and features; the table
/// has one row per block, coloured only when asked (stdout is a pipe here); `--format json`
/// gives one object per block.
#[test]
fn explain_shows_every_block_in_order_with_what_decided_it() {
    let input = std::fs::read_to_string(SEED).unwrap();
    let nonblank: Vec<usize> = input
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i + 1)
        .collect();
    for (args, by_rule) in [
        (vec!["explain", "--format", "json", SEED], true),
        (
            vec![
                "explain",
                "--format",
                "json",
                "--no-builtin",
                "--rules",
                "rules/generic.toml",
                SEED,
            ],
            false,
        ),
    ] {
        let r = run(dechrome().args(&args));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let blocks = json_lines(&r.stdout);
        // Every non-blank input line is in exactly one block, the blocks in input order.
        let mut covered = Vec::new();
        for b in &blocks {
            let (from, to) = (
                b["lines"][0].as_u64().unwrap() as usize,
                b["lines"][1].as_u64().unwrap() as usize,
            );
            assert!(covered.last().is_none_or(|&l| l < from), "{b}");
            covered.extend((from..=to).filter(|l| nonblank.contains(l)));
            let label = b["label"].as_str().unwrap();
            assert!(
                ["title", "summary", "body", "meta", "chrome"].contains(&label),
                "{b}"
            );
            assert!(!b["reason"].as_str().unwrap().is_empty(), "{b}");
        }
        assert_eq!(covered, nonblank, "{args:?}");
        let ruled = blocks.iter().filter(|b| b["rule"].is_string()).count();
        let heuristic: Vec<_> = blocks
            .iter()
            .filter(|b| b["heuristic"].is_object())
            .collect();
        if by_rule {
            // The site's rules decide the seed page's chrome, title and byline.
            assert!(ruled >= 5, "{}", r.stdout);
        } else {
            // Without them, the heuristics decide, and say with what.
            assert!(heuristic.len() >= 5, "{}", r.stdout);
            for h in heuristic {
                let h = &h["heuristic"];
                assert!(h["name"].as_str().unwrap().starts_with("text/"), "{h}");
                assert!(h["score"].is_number(), "{h}");
            }
        }
    }
    let json_blocks = run(dechrome().args(["explain", "--format", "json", SEED]))
        .stdout
        .lines()
        .count();
    let table = run(dechrome().args(["explain", SEED]));
    assert_eq!(table.code, 0);
    assert!(!table.stdout.contains('\x1b'), "no colour into a pipe");
    let rows = table
        .stdout
        .lines()
        .filter(|l| {
            // "  12  body     text/prose 294 …": a line number, then a label.
            let mut w = l.split_whitespace();
            w.next().is_some_and(|n| n.parse::<u32>().is_ok())
                && w.next().is_some_and(|label| {
                    ["title", "summary", "body", "meta", "chrome"].contains(&label)
                })
        })
        .count();
    assert_eq!(rows, json_blocks, "{}", table.stdout);
    assert!(
        table.stdout.contains("rule devdiscourse/"),
        "{}",
        table.stdout
    );
    let coloured = run(dechrome().args(["explain", "--color", "always", SEED]));
    assert!(coloured.stdout.contains("\x1b["), "{}", coloured.stdout);
}

/// Runs `dechrome ARGS` with stderr on a pseudo-terminal (stdout thrown away) and returns
/// what it wrote there.
fn stderr_on_a_terminal(args: &[&str]) -> String {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    // SAFETY: plain libc call with valid out-pointers; null name, termios and window size.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0, "openpty failed");
    // SAFETY: openpty returned these two descriptors, owned by nothing else.
    let (master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            OwnedFd::from_raw_fd(slave),
        )
    };
    let mut child = {
        // The command (and its copy of the terminal's slave side) goes when the child starts:
        // the master side then reads to its end once the child exits.
        let mut cmd = dechrome();
        cmd.args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::from(slave));
        cmd.spawn().unwrap()
    };
    let reader = std::thread::spawn(move || {
        let (mut out, mut buf, mut master) = (Vec::new(), [0u8; 4096], master);
        // Linux reports EIO on the master once no process holds the slave side.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    assert!(child.wait().unwrap().success());
    String::from_utf8_lossy(&reader.join().unwrap()).into_owned()
}

/// On a terminal, several inputs get a progress bar on stderr; one input, or `--no-progress`,
/// get none, and off a terminal nothing is drawn.
#[test]
fn a_progress_bar_is_drawn_on_a_terminal_for_several_inputs() {
    let piped = run(dechrome().args(["clean", SEED, SEED2]));
    assert_eq!((piped.code, piped.stderr.as_str()), (0, ""));
    let two = stderr_on_a_terminal(&["clean", SEED, SEED2]);
    assert!(two.contains("2/2 pages"), "{two:?}");
    let one = stderr_on_a_terminal(&["clean", SEED]);
    assert!(!one.contains("pages"), "{one:?}");
    let off = stderr_on_a_terminal(&["clean", "--no-progress", SEED, SEED2]);
    assert!(!off.contains("pages"), "{off:?}");
}
