//! Pipes, files and the log as the shell's file descriptors see them, and the [`Sys`] a child
//! program of the shell gets (its output goes to the shell's descriptors).

use super::*;

pub struct Stream {
    pub buf: String,
    pub pos: usize,
    pub writers: u32,
    pub readers: u32,
    pub capture: bool,
    /// A capture that hit [`MAX_CAPTURE`] (noted once).
    pub truncated: bool,
}

impl Stream {
    pub(super) fn new(capture: bool) -> Stream {
        Stream {
            buf: String::new(),
            pos: 0,
            writers: 0,
            readers: 0,
            capture,
            truncated: false,
        }
    }

    pub(super) fn data(text: String) -> Stream {
        Stream {
            buf: text,
            pos: 0,
            writers: 0,
            readers: 0,
            capture: false,
            truncated: false,
        }
    }

    pub(super) fn unread(&self) -> &str {
        self.buf.get(self.pos..).unwrap_or("")
    }

    pub(super) fn compact(&mut self) {
        if self.pos > 4096 && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }
}

/// Where a file descriptor points.
#[derive(Clone)]
pub enum Io {
    Closed,
    /// `/dev/null`
    Null,
    /// The container's stdout (its log).
    Log,
    /// The container's stderr (its log too).
    LogErr,
    /// An open stdin on which nothing ever arrives (`stdin: true`).
    Tty,
    /// A file opened for writing (appends through `Sys::write_file`).
    File(String),
    /// A pipe, captured output or file contents being read.
    Stream(Rc<RefCell<Stream>>),
}

/// Result of writing to an [`Io`].
#[derive(PartialEq)]
pub(super) enum Wrote {
    Ok,
    /// The pipe's reader is gone: the writer dies of SIGPIPE.
    BrokenPipe,
    /// Bad descriptor or a file that cannot be written.
    Error,
}

pub(super) fn write_io(io: &Io, text: &str, sys: &mut dyn Sys) -> Wrote {
    if text.is_empty() {
        return Wrote::Ok;
    }
    match io {
        Io::Closed => Wrote::Error,
        Io::Null => Wrote::Ok,
        Io::Log | Io::Tty => {
            sys.stdout(text);
            Wrote::Ok
        }
        Io::LogErr => {
            sys.stderr(text);
            Wrote::Ok
        }
        Io::File(path) => match sys.write_file(path, text, true) {
            Ok(()) => Wrote::Ok,
            Err(_) => Wrote::Error,
        },
        Io::Stream(s) => {
            let mut s = s.borrow_mut();
            if s.capture {
                if s.buf.len() < MAX_CAPTURE {
                    s.buf.push_str(text);
                } else if !s.truncated {
                    s.truncated = true;
                    drop(s);
                    let mib = MAX_CAPTURE >> 20;
                    sys.assume(crate::diag::Text::new(
                        format!("the output of a $(…) command substitution was cut at {mib} MiB (the playground's bound)"),
                        format!("$(…) 命令替换的输出在 {mib} MiB 处被截断（playground 的上限）"),
                    ));
                }
                return Wrote::Ok;
            }
            if s.readers == 0 {
                return Wrote::BrokenPipe;
            }
            s.compact();
            s.buf.push_str(text);
            Wrote::Ok
        }
    }
}

impl Proc {
    /// Runs `prog`, this process's program (taken out of its body), against `sys` with the
    /// process's own output, memory, CPU and ports; keeps what it changed of them and puts the
    /// program back. Returns its answer and whether it wrote into a broken pipe.
    pub(super) fn run_program<R>(
        &mut self,
        mut prog: Box<dyn Program>,
        sys: &mut dyn Sys,
        run: impl FnOnce(&mut dyn Program, &mut ChildSys) -> R,
    ) -> (R, bool) {
        let [inp, out, err] = self.io.clone();
        let mut ports = std::mem::take(&mut self.ports);
        let mut cs = ChildSys {
            inner: sys,
            inp,
            out,
            err,
            mem: self.mem,
            cpu: self.cpu,
            ports: &mut ports,
            broken: false,
        };
        let r = run(prog.as_mut(), &mut cs);
        let (mem, cpu, broken) = (cs.mem, cs.cpu, cs.broken);
        self.ports = ports;
        self.mem = mem;
        self.cpu = cpu;
        self.body = Body::Prog(prog);
        (r, broken)
    }
}

/// The [`Sys`] given to a program the shell started: output goes to the program's file
/// descriptors, memory/CPU/ports are recorded per process and summed by the machine.
pub(super) struct ChildSys<'a> {
    pub(super) inner: &'a mut dyn Sys,
    pub(super) inp: Io,
    pub(super) out: Io,
    pub(super) err: Io,
    pub(super) mem: u64,
    pub(super) cpu: u64,
    pub(super) ports: &'a mut Vec<(u16, Proto)>,
    pub(super) broken: bool,
}

impl Sys for ChildSys<'_> {
    fn now(&self) -> SimTime {
        self.inner.now()
    }
    fn clock_base(&self) -> SimTime {
        self.inner.clock_base()
    }
    fn container(&self) -> &str {
        self.inner.container()
    }
    fn env(&self, name: &str) -> Option<String> {
        self.inner.env(name)
    }
    fn environ(&self) -> Vec<(String, String)> {
        self.inner.environ()
    }
    fn read_file(&self, path: &str) -> Result<String, FsError> {
        self.inner.read_file(path)
    }
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), FsError> {
        self.inner.write_file(path, data, append)
    }
    fn kind(&self, path: &str) -> Option<FileKind> {
        self.inner.kind(path)
    }
    fn holds_programs(&self) -> bool {
        self.inner.holds_programs()
    }
    fn is_program(&self, path: &str) -> bool {
        self.inner.is_program(path)
    }
    fn program_links(&self, path: &str) -> Option<usize> {
        self.inner.program_links(path)
    }
    fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), FsError> {
        self.inner.mkdir(path, parents)
    }
    fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        self.inner.remove(path, recursive)
    }
    fn list_dir(&self, path: &str) -> Result<Vec<String>, FsError> {
        self.inner.list_dir(path)
    }
    fn listen(&mut self, port: u16, proto: Proto) -> Result<(), NetError> {
        self.inner.listen(port, proto)?;
        if !self.ports.contains(&(port, proto)) {
            self.ports.push((port, proto));
        }
        Ok(())
    }
    fn unlisten(&mut self, port: u16, proto: Proto) {
        self.inner.unlisten(port, proto);
        self.ports.retain(|p| *p != (port, proto));
    }
    fn resolve(&self, name: &str) -> Option<String> {
        self.inner.resolve(name)
    }
    fn lookup(&mut self, name: &str) -> Option<String> {
        self.inner.lookup(name)
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, NetError> {
        self.inner.http(req)
    }
    fn tcp_connect(&mut self, host: &str, port: u16) -> Result<(), NetError> {
        self.inner.tcp_connect(host, port)
    }
    fn stdout(&mut self, text: &str) {
        let out = self.out.clone();
        if write_io(&out, text, self.inner) == Wrote::BrokenPipe {
            self.broken = true;
        }
    }
    fn stderr(&mut self, text: &str) {
        let err = self.err.clone();
        if write_io(&err, text, self.inner) == Wrote::BrokenPipe {
            self.broken = true;
        }
    }
    fn set_memory(&mut self, bytes: u64) {
        self.mem = bytes;
    }
    fn set_cpu_demand(&mut self, millicores: u64) {
        self.cpu = millicores;
    }
    fn assume(&mut self, note: crate::diag::Text) {
        self.inner.assume(note)
    }
    fn hostname(&self) -> String {
        self.inner.hostname()
    }
    fn process_table(&self) -> Vec<(u32, ProcInfo)> {
        self.inner.process_table()
    }
    fn signal_process(&mut self, command_prefix: &str, signal: Signal) -> bool {
        self.inner.signal_process(command_prefix, signal)
    }
    fn read_stdin(&mut self) -> Option<String> {
        match &self.inp {
            Io::Stream(st) => {
                let mut b = st.borrow_mut();
                let text = b.unread().to_string();
                b.pos = b.buf.len();
                Some(text)
            }
            _ => None,
        }
    }
}

/// Sets descriptor `n` of `fds` to `io`, first opening the ones below it as closed if needed.
pub(super) fn set_fd(fds: &mut Vec<Io>, n: usize, io: Io) {
    if fds.len() <= n {
        fds.resize(n + 1, Io::Closed);
    }
    if let Some(slot) = fds.get_mut(n) {
        *slot = io;
    }
}
