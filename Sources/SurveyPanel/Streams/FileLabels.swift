import SurveyFiles

/// The variable and value labels a download's files carry themselves (the Stata and SPSS
/// releases do; tab files do not), by the name in the file: what an export's data dictionary
/// shows where the schema has no label or codes of its own.
public struct FileLabels: Sendable {
    /// Variable label by source name (the first file that labels it).
    public var labels: [String: String] = [:]
    /// Integer code → label, by source name.
    public var codes: [String: [Int: String]] = [:]

    /// No labels.
    public init() {}

    /// The labels of `inputs`' headers, reading only the files in a labelled format.
    ///
    /// - Throws: `SurveyError` when a file cannot be read.
    public init(inputs: [DataInput], options: ReadOptions) throws(SurveyError) {
        for input in inputs {
            guard try TableFormats.format(of: input, options: options).name != "tab" else { continue }
            let header = try TableFormats.reader(for: input, options: options).readHeader()
            for (i, column) in header.columns.enumerated() {
                let key = column.name.lowercased()
                if labels[key] == nil, let label = column.label, !label.isEmpty { labels[key] = label }
                if codes[key] == nil, let set = header.valueLabels(ofColumn: i), !set.isEmpty {
                    var integral: [Int: String] = [:]
                    for (value, label) in set where value.rounded() == value && abs(value) < 1e15 {
                        integral[Int(value)] = label
                    }
                    codes[key] = integral
                }
            }
        }
    }

    /// The label of the column named `source` in the files, if any.
    public func label(_ source: String) -> String? { labels[source.lowercased()] }

    /// The code labels of the column named `source` in the files, if any.
    public func codes(_ source: String) -> [Int: String]? { codes[source.lowercased()] }
}
