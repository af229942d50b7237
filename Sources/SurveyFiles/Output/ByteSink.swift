/// Somewhere bytes are written: a file, standard output, a compressor.
public protocol ByteSink: AnyObject {
    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(SurveyError)
    /// Flushes what is buffered and ends the stream (a compressor writes its trailer).
    func finish() throws(SurveyError)
}

extension ByteSink {
    /// Writes the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(SurveyError) {
        var text = text
        let result: Result<Void, SurveyError> = text.withUTF8 { utf8 in
            do throws(SurveyError) {
                try write(UnsafeRawBufferPointer(utf8))
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }

    /// Writes `bytes`.
    public func write(_ bytes: [UInt8]) throws(SurveyError) {
        let result: Result<Void, SurveyError> = bytes.withUnsafeBytes { raw in
            do throws(SurveyError) {
                try write(raw)
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }
}
