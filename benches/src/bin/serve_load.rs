//! A bounded load test of `connlint serve` on loopback: a fixed number of requests from a fixed
//! number of client threads, then it stops the server and itself. Prints the error count, the
//! p50/p99/max latency, the throughput and the server's peak memory (`VmHWM` in
//! `/proc/PID/status`); exits 1 when any request failed.
//!
//! ```text
//! serve-load [--connlint BIN] [--requests N] [--concurrency C] PATH...
//! ```
//!
//! With `--connlint`, the server is that binary (`BIN serve PATH... --addr 127.0.0.1:0`) in its
//! own process, stopped with SIGINT (it must then exit 0), and the peak memory is its own.
//! Without, the server runs in this process through the library, and the peak memory includes
//! the clients. The requests cycle through: a page of 20, one connector by id, a filtered page
//! of 7 (`filter[auth_type]=oauth2`), and a name search (`filter[name]=e`).
//!
//! `cargo run --release -p connlint_bench --bin serve-load -- --connlint target/release/connlint
//!  --requests 10000 --concurrency 32 ../shared/corpus/PowerPlatformConnectors`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Args {
    connlint: Option<PathBuf>,
    requests: usize,
    concurrency: usize,
    paths: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { connlint: None, requests: 10_000, concurrency: 32, paths: Vec::new() };
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.to_str() {
            Some("--connlint") => args.connlint = Some(PathBuf::from(value("--connlint")?)),
            Some("--requests") => args.requests = value("--requests")?.to_string_lossy().parse().map_err(|e| format!("--requests: {e}"))?,
            Some("--concurrency") => {
                args.concurrency = value("--concurrency")?.to_string_lossy().parse().map_err(|e| format!("--concurrency: {e}"))?
            }
            _ => args.paths.push(PathBuf::from(arg)),
        }
    }
    if args.paths.is_empty() || args.concurrency == 0 {
        return Err("usage: serve-load [--connlint BIN] [--requests N] [--concurrency C] PATH...".into());
    }
    Ok(args)
}

/// One GET; the status code, or an error.
fn get(addr: SocketAddr, target: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| std::io::Error::other("no response head"))?;
    let status = std::str::from_utf8(&raw[..head_end])
        .ok()
        .and_then(|h| h.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    Ok((status, raw[head_end + 4..].to_vec()))
}

/// The server under test: a child process or a thread of this one.
enum Running {
    Process(Child),
    InProcess(connlint_catalog::server::StopHandle, std::thread::JoinHandle<std::io::Result<()>>),
}

fn start(args: &Args) -> Result<(SocketAddr, Running), String> {
    match &args.connlint {
        Some(bin) => {
            let mut child = Command::new(bin)
                .arg("serve")
                .args(&args.paths)
                .args(["--addr", "127.0.0.1:0"])
                .stdout(Stdio::piped())
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
            let mut first = String::new();
            let mut out = BufReader::new(child.stdout.take().ok_or("no stdout")?);
            out.read_line(&mut first).map_err(|e| e.to_string())?;
            // Keep reading what the server prints, so that it never writes into a closed pipe.
            std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
            // "connlint serve: listening on http://127.0.0.1:PORT (...)"
            let addr = first
                .split("http://")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .ok_or(format!("unexpected first line: {first}"))?;
            Ok((addr.parse().map_err(|e| format!("{addr}: {e}"))?, Running::Process(child)))
        }
        None => {
            let server =
                connlint_catalog::server::Server::bind("127.0.0.1:0", args.paths.clone(), Default::default()).map_err(|e| e.to_string())?;
            let addr = server.local_addr().map_err(|e| e.to_string())?;
            let stop = server.stop_handle().map_err(|e| e.to_string())?;
            Ok((addr, Running::InProcess(stop, std::thread::spawn(move || server.run()))))
        }
    }
}

/// `VmHWM` of a process, in KiB.
fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Every id, through pages of 200.
fn all_ids(addr: SocketAddr) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut next = Some("/connector/connectors?limit=200".to_string());
    while let Some(target) = next {
        let (status, body) = get(addr, &target).map_err(|e| e.to_string())?;
        if status != 200 {
            return Err(format!("{target}: {status}"));
        }
        let page: serde_json::Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        ids.extend(page["data"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str().map(String::from)));
        next = page["links"]["next"].as_str().map(String::from);
    }
    Ok(ids)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let (addr, running) = start(&args).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    });
    let ids = all_ids(addr).unwrap_or_else(|e| {
        eprintln!("error: listing the ids: {e}");
        std::process::exit(2)
    });
    let targets: Vec<String> = (0..args.requests)
        .map(|i| match i % 4 {
            0 => "/connector/connectors".to_string(),
            1 => format!("/connector/connectors/{}", ids[(i / 4) % ids.len().max(1)]),
            2 => "/connector/connectors?limit=7&filter[auth_type]=oauth2".to_string(),
            _ => "/connector/connectors?filter[name]=e".to_string(),
        })
        .collect();
    let next = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    let started = Instant::now();
    let mut latencies: Vec<Duration> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..args.concurrency)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(target) = targets.get(i) else { break };
                        let sent = Instant::now();
                        match get(addr, target) {
                            Ok((200, _)) => {}
                            _ => {
                                errors.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        mine.push(sent.elapsed());
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    let wall = started.elapsed();
    latencies.sort();
    let errors = errors.into_inner();
    let (peak, clean_stop) = match running {
        Running::Process(mut child) => {
            let peak = peak_memory_kib(child.id());
            let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
            (peak, child.wait().is_ok_and(|s| s.success()))
        }
        Running::InProcess(stop, thread) => {
            let peak = peak_memory_kib(std::process::id());
            stop.stop();
            (peak, thread.join().is_ok_and(|r| r.is_ok()))
        }
    };
    println!("connectors: {}", ids.len());
    println!("requests: {}, concurrency: {}, errors: {errors}", latencies.len(), args.concurrency);
    if !latencies.is_empty() {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "latency p50: {:.2} ms, p99: {:.2} ms, max: {:.2} ms",
            ms(percentile(&latencies, 0.50)),
            ms(percentile(&latencies, 0.99)),
            ms(*latencies.last().unwrap_or(&Duration::ZERO))
        );
    }
    println!("throughput: {:.0} requests/s over {:.2} s", latencies.len() as f64 / wall.as_secs_f64(), wall.as_secs_f64());
    match peak {
        Some(kib) => println!(
            "server peak memory (VmHWM): {:.1} MiB{}",
            kib as f64 / 1024.0,
            if args.connlint.is_some() { "" } else { " (in process, clients included)" }
        ),
        None => println!("server peak memory: unknown (no /proc)"),
    }
    println!("stopped cleanly: {clean_stop}");
    if errors > 0 || !clean_stop {
        std::process::exit(1);
    }
}
