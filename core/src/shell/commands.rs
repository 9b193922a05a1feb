//! Which commands exist in an image's userland, so that `curl` in a busybox image is
//! `sh: curl: not found` (exit 127) as it really is, while `awk` there exists but is not modelled.

use super::Userland;

// The lists are sorted (byte order) for a binary search: a command is looked up at every run of
// it, a million times in a busy loop.

/// Applets of busybox (`busybox --list` of busybox 1.35; the official image's set is close).
const BUSYBOX: &[&str] = &[
    "[", "[[", "acpid", "adjtimex", "ar", "arch", "arp", "arping", "ascii", "ash", "awk", "base64",
    "basename", "bc", "blkdiscard", "blkid", "blockdev", "brctl", "bunzip2", "bzcat", "bzip2",
    "cal", "cat", "chgrp", "chmod", "chown", "chroot", "chvt", "clear", "cmp", "cp", "cpio",
    "crc32", "cttyhack", "cut", "date", "dc", "dd", "deallocvt", "depmod", "devmem", "df", "diff",
    "dirname", "dmesg", "dnsdomainname", "dos2unix", "du", "dumpkmap", "dumpleases", "echo",
    "egrep", "env", "expand", "expr", "factor", "fallocate", "false", "fatattr", "fdisk", "fgrep",
    "find", "findfs", "fold", "free", "freeramdisk", "fsfreeze", "fstrim", "ftpget", "ftpput",
    "getopt", "getty", "grep", "groups", "gunzip", "gzip", "halt", "head", "hexdump", "hostid",
    "hostname", "httpd", "hwclock", "i2cdetect", "i2cdump", "i2cget", "i2cset", "i2ctransfer",
    "id", "ifconfig", "ifdown", "ifup", "init", "insmod", "ionice", "ip", "ipcalc", "ipneigh",
    "kill", "killall", "klogd", "last", "less", "link", "linux32", "linux64", "linuxrc", "ln",
    "loadfont", "loadkmap", "logger", "login", "logname", "logread", "losetup", "ls", "lsmod",
    "lsscsi", "lzcat", "lzma", "lzop", "md5sum", "mdev", "microcom", "mim", "mkdir", "mkdosfs",
    "mke2fs", "mkfifo", "mknod", "mkpasswd", "mkswap", "mktemp", "modinfo", "modprobe", "more",
    "mount", "mt", "mv", "nameif", "nc", "netstat", "nl", "nologin", "nproc", "nsenter",
    "nslookup", "nuke", "od", "openvt", "partprobe", "paste", "patch", "pidof", "ping", "ping6",
    "pivot_root", "poweroff", "printenv", "printf", "ps", "pwd", "rdate", "readlink", "realpath",
    "reboot", "renice", "reset", "resume", "rev", "rm", "rmdir", "rmmod", "route", "rpm",
    "rpm2cpio", "run-init", "run-parts", "sed", "seq", "setkeycodes", "setpriv", "setsid", "sh",
    "sha1sum", "sha256sum", "sha3sum", "sha512sum", "shred", "shuf", "sleep", "sort", "ssl_client",
    "start-stop-daemon", "stat", "strings", "stty", "svc", "svok", "swapoff", "swapon",
    "switch_root", "sync", "sysctl", "syslogd", "tac", "tail", "tar", "taskset", "tee", "telnet",
    "test", "tftp", "time", "timeout", "top", "touch", "tr", "traceroute", "traceroute6", "true",
    "truncate", "ts", "tty", "ubirename", "udhcpc", "udhcpd", "uevent", "umount", "uname",
    "uncompress", "unexpand", "uniq", "unix2dos", "unlink", "unlzma", "unshare", "unxz", "unzip",
    "uptime", "usleep", "uudecode", "uuencode", "vconfig", "vi", "w", "watch", "watchdog", "wc",
    "wget", "which", "who", "whoami", "xargs", "xxd", "xz", "xzcat", "yes", "zcat",
];

/// Commands of a Debian slim base image (coreutils, dash, bash, grep, sed, findutils, tar,
/// gzip, hostname, debianutils' which, …). No `ps` (procps is not installed), no `wget`, `nslookup` or `nc`.
const DEBIAN: &[&str] = &[
    "[", "arch", "awk", "b2sum", "base32", "base64", "basename", "basenc", "bash", "cat", "chcon",
    "chgrp", "chmod", "chown", "chroot", "cksum", "comm", "cp", "csplit", "cut", "dash", "date",
    "dd", "df", "dir", "dircolors", "dirname", "du", "echo", "egrep", "env", "expand", "expr",
    "factor", "false", "fgrep", "find", "fmt", "fold", "getent", "grep", "groups", "gunzip",
    "gzip", "head", "hostid", "hostname", "id", "install", "join", "kill", "link", "ln", "logname",
    "ls", "mawk", "md5sum", "mkdir", "mkfifo", "mknod", "mktemp", "mv", "nice", "nl", "nohup",
    "nproc", "numfmt", "od", "paste", "pathchk", "pinky", "pr", "printenv", "printf", "ptx", "pwd",
    "readlink", "realpath", "rm", "rmdir", "runcon", "sed", "seq", "sh", "sha1sum", "sha224sum",
    "sha256sum", "sha384sum", "sha512sum", "shred", "shuf", "sleep", "sort", "split", "stat",
    "stdbuf", "stty", "sum", "sync", "tac", "tail", "tar", "tee", "test", "timeout", "touch", "tr",
    "true", "truncate", "tsort", "tty", "uname", "unexpand", "uniq", "unlink", "uptime", "users",
    "vdir", "wc", "which", "who", "whoami", "xargs", "yes", "zcat",
];

pub(crate) use super::machine::is_builtin;

/// The commands of a userland (for completion at a container's shell prompt).
pub fn names(userland: Userland) -> &'static [&'static str] {
    match userland {
        Userland::Busybox => BUSYBOX,
        Userland::Debian => DEBIAN,
        Userland::Unknown => &[],
    }
}

/// Does the command exist in this userland (before looking at the image's own programs)?
pub fn exists(userland: Userland, extra: &[&str], name: &str) -> bool {
    if is_builtin(name) || extra.contains(&name) {
        return true;
    }
    match userland {
        Userland::Busybox => BUSYBOX.binary_search(&name).is_ok(),
        Userland::Debian => DEBIAN.binary_search(&name).is_ok(),
        Userland::Unknown => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_lists_are_sorted_for_the_binary_search() {
        for list in [BUSYBOX, DEBIAN] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(exists(Userland::Busybox, &[], "wget"));
        assert!(!exists(Userland::Debian, &[], "wget"));
        assert!(exists(Userland::Debian, &[], "zcat"));
        assert!(!exists(Userland::Busybox, &[], "curl"));
        assert!(exists(Userland::Busybox, &["curl"], "curl"));
    }
}
