import SurveyFiles

/// A survey's one record type (`PersonWave`, `LFSPerson`): built from a row's decoded
/// values through positions resolved once per file (`RecordFields`), so a row costs
/// indexing only, never a name lookup.
public protocol SurveyRecord: Sendable {
    /// The harmonised variables the record holds, numbered from 0.
    associatedtype Field: RawRepresentable, CaseIterable where Field.RawValue == Int

    /// The harmonised name of `field` in the schema.
    static func harmonisedName(_ field: Field) -> String

    /// Builds the record from one row's decoded values.
    ///
    /// - Throws: `.invalidValue` naming the file, line and variable when an identifier is absent.
    init(values: [HarmonisedValue], fields: RecordFields<Self>, file: String, line: Int) throws(SurveyError)
}

extension SurveyRecord {
    /// The harmonised names the record has a property for.
    public static var harmonisedNames: [String] { Field.allCases.map(harmonisedName) }
}

/// Where each of a record's fields sits in one file's decoded values.
public struct RecordFields<Record: SurveyRecord>: Sendable {
    /// The file's UKHLS wave, when it is one.
    public let wave: Wave?
    private let positions: [Int]
    /// The schema's indicators and design variables, resolved for the file.
    private let indicators: IndicatorProgram
    private let design: DesignSlots

    /// The positions in `layout`'s values (−1 for a variable the layout lacks).
    public init(_ layout: FileLayout) {
        wave = layout.wave
        positions = Record.Field.allCases.map { layout.position(of: Record.harmonisedName($0)) ?? -1 }
        indicators = layout.indicators
        design = layout.designSlots
    }

    /// The record's indicators, from the schema's declarations.
    @inline(__always)
    public func indicators(in values: [HarmonisedValue]) -> IndicatorValues { indicators.evaluate(values) }

    /// The record's design variables, from the schema's declaration.
    @inline(__always)
    public func design(in values: [HarmonisedValue]) -> DesignValues { design.values(values) }

    /// The value of `field` in `values`, or `not_in_file` when the file lacks it.
    @inline(__always)
    public func value(_ field: Record.Field, in values: [HarmonisedValue]) -> HarmonisedValue {
        let p = positions[field.rawValue]
        return p >= 0 ? values[p] : .missing(.notInFile)
    }

    /// `field` as a narrow integer code.
    @inline(__always)
    public func code(_ field: Record.Field, in values: [HarmonisedValue]) -> Observed<Int16> {
        value(field, in: values).intObserved.narrowed()
    }
}
