//! `KEEL_TIMINGS=1`: how long a build took up to each stage, with CPU time and resident memory,
//! for profiling. Every stage may report; nothing is printed unless the variable is set.

use std::time::Instant;

/// Mark the start of a build.
pub fn start(at: Instant) {
    *TIMING_START.lock().unwrap_or_else(|p| p.into_inner()) = Some(at);
}

static TIMING_START: std::sync::Mutex<Option<Instant>> = std::sync::Mutex::new(None);

/// With `KEEL_TIMINGS` set, print how long the build took up to each stage (for profiling).
pub fn stage(stage: &str) {
    if std::env::var_os("KEEL_TIMINGS").is_some() {
        let start = *TIMING_START.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(start) = start {
            // Resident memory now and at its peak (Linux), for the memory side of the benchmark.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let kib = |key: &str| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix(key))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            };
            let rss = match (kib("VmRSS:"), kib("VmHWM:")) {
                (Some(now), Some(peak)) => {
                    format!("  ({} MiB, peak {} MiB)", now >> 10, peak >> 10)
                }
                _ => String::new(),
            };
            // CPU time of all threads so far (user + system, in clock ticks of 10 ms): against the
            // wall time it shows how well a stage keeps the cores busy.
            let cpu = std::fs::read_to_string("/proc/self/stat")
                .ok()
                .and_then(|s| {
                    let f: Vec<u64> = s
                        .rsplit(')')
                        .next()?
                        .split_whitespace()
                        .skip(11)
                        .take(2)
                        .filter_map(|v| v.parse().ok())
                        .collect();
                    (f.len() == 2).then(|| format!("  cpu {:>6} ms", (f[0] + f[1]) * 10))
                })
                .unwrap_or_default();
            eprintln!("{:>6} ms{cpu}  {stage}{rss}", start.elapsed().as_millis());
        }
    }
}
