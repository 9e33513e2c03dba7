package io.tributary.bench.failover;

/** The three ways the failover scenario takes a leader's broker away, in the order each run applies them. */
enum Signal {
    /** A crash: the process dies at once and the kernel closes its sockets. */
    SIGKILL,
    /** An orderly shutdown: the broker may move its leaderships away before it exits. */
    SIGTERM,
    /** A freeze with sockets open (a long pause, a hung host): only a missed session reveals it; SIGCONT later. */
    SIGSTOP
}
