import Foundation

extension SurveyError {
    /// An error from Foundation or the system (a `CocoaError`, a `POSIXError`, a `DecodingError`)
    /// said as ukpanel's own: what failed, on which file, and why in words, never a raw
    /// `NSCocoaErrorDomain Code=…`. A `SurveyError` is returned as it is.
    ///
    /// - Parameters:
    ///   - error: what was thrown.
    ///   - file: the file concerned, when the error does not name one itself.
    ///   - doing: what was being done, said as "cannot \(doing)" (for example "read the file").
    public init(foreign error: any Error, file: String = "", doing: String = "complete the operation") {
        if let own = error as? SurveyError {
            self = own
            return
        }
        if let cocoa = error as? CocoaError {
            let path = cocoa.filePath ?? cocoa.url?.path ?? file
            let (code, why) = Self.words(for: cocoa)
            self.init(code, file: path, reason: "cannot \(doing): \(why)", hint: Self.hint(for: cocoa.code))
            return
        }
        if let posix = error as? POSIXError {
            self.init(
                .ioFailure, file: file, reason: "cannot \(doing): \(String(cString: strerror(posix.code.rawValue)))")
            return
        }
        if let decoding = error as? DecodingError {
            self.init(.corrupt, file: file, reason: "cannot \(doing): \(Self.words(for: decoding))")
            return
        }
        self.init(.ioFailure, file: file, reason: "cannot \(doing): \(error.localizedDescription)")
    }

    /// Whether `error` is one `init(foreign:)` turns into words (Foundation's or the system's):
    /// the command line converts these and leaves its argument parser's own errors alone.
    public static func isForeign(_ error: any Error) -> Bool {
        error is CocoaError || error is POSIXError || error is DecodingError || error is EncodingError
    }

    private static func words(for error: CocoaError) -> (Code, String) {
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return (.notFound, "no such file or folder")
        case .fileWriteFileExists: return (.outputFailure, "something is already there")
        case .fileReadNoPermission, .fileWriteNoPermission: return (.cannotOpen, "permission denied")
        case .fileWriteOutOfSpace: return (.outputFailure, "no space left on the device")
        case .fileWriteVolumeReadOnly: return (.outputFailure, "the file system is read-only")
        case .fileReadCorruptFile, .propertyListReadCorrupt: return (.corrupt, "the contents are damaged")
        case .fileReadInapplicableStringEncoding: return (.corrupt, "the text is not in the expected encoding")
        default:
            if let underlying = error.underlying as? POSIXError {
                return (.ioFailure, String(cString: strerror(underlying.code.rawValue)))
            }
            return (.ioFailure, "error \(error.code.rawValue) from the system")
        }
    }

    private static func hint(for code: CocoaError.Code) -> String? {
        switch code {
        case .fileWriteFileExists: return "remove it or choose another path"
        case .fileReadNoPermission, .fileWriteNoPermission: return "check the permissions (ls -l) of the path"
        default: return nil
        }
    }

    private static func words(for error: DecodingError) -> String {
        let (context, what): (DecodingError.Context, String)
        switch error {
        case .typeMismatch(_, let c): (context, what) = (c, "a value of the wrong type")
        case .valueNotFound(_, let c): (context, what) = (c, "a missing value")
        case .keyNotFound(let key, let c): (context, what) = (c, "no '\(key.stringValue)'")
        case .dataCorrupted(let c): (context, what) = (c, "damaged data")
        @unknown default: return "damaged data"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? what : "\(what) at \(path)"
    }
}
