import SurveyFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `batch` at a time per output folder: an advisory lock on `.ukpanel-batch.lock` in it,
/// held for the run (released by the kernel if the process dies), so two runs cannot lose each
/// other's manifest entries.
final class BatchLock {
    private var descriptor: Int32

    /// Takes the lock of `folder`.
    ///
    /// - Throws: `.outputFailure` naming the folder when another run holds it.
    init(folder: String) throws(SurveyError) {
        let path = folder + "/.ukpanel-batch.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SurveyError(
                .outputFailure, file: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(descriptor)
            descriptor = -1
            throw SurveyError(
                .outputFailure, file: folder,
                reason: busy
                    ? "another ukpanel batch is running with this output folder"
                    : "cannot lock the output folder: \(String(cString: strerror(errno)))",
                hint: busy ? "wait for it to finish, or give this run another --out" : nil)
        }
    }

    /// Lets the next run in.
    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
