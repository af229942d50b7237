import Foundation
import SurveyFiles

/// What `--json` prints: one JSON document on standard output (keys sorted, two-space indents as
/// Foundation writes them), for scripts and notebooks that read ukpanel's answers instead of its tables.
enum JSONOutput {
    /// Prints `object` (dictionaries, arrays, strings, numbers, booleans, `NSNull`) as JSON.
    static func print(_ object: Any) throws {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } catch {
            throw SurveyError(foreign: error, file: "--json", doing: "writing JSON")
        }
    }

    /// A number as JSON holds it: a whole number as an integer, others as they are.
    static func number(_ value: Double) -> Any {
        value.rounded() == value && abs(value) < 1e15 ? Int(value) as Any : value as Any
    }

    /// `value`, or JSON's null.
    static func optional(_ value: Any?) -> Any { value ?? NSNull() }
}
