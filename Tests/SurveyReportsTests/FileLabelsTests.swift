import Foundation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema
import Testing

/// An export's data dictionary takes a variable's label and codes from the Stata or SPSS file
/// where the schema has none; a tab file has none to give.
@Suite struct FileLabelsTests {
    @Test func theDictionaryTakesLabelsFromTheFileWhereTheSchemaHasNone() throws {
        let builtin = try SchemaLoader.builtin("ukhls")
        var variables = builtin.variables
        let index = try #require(variables.firstIndex { $0.name == "jbstat" })
        variables[index].label = ""
        variables[index].codes = [:]
        let schema = Schema(
            survey: builtin.survey, title: builtin.title, waves: builtin.waves, files: builtin.files,
            missingCodes: builtin.missingCodes, variables: variables, origins: builtin.origins,
            design: builtin.design, indicators: builtin.indicators)
        let folder = NSTemporaryDirectory() + "ukpanel-labels-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let wave = try #require(Wave(number: 14))
        let source = try #require(schema.variables[index].sourceName(in: wave))
        for (name, compression) in [("n_indresp.sav", SPSSFileWriter.Compression.bytecode)] {
            let writer = try SPSSFileWriter(
                path: folder + "/" + name, compression: compression,
                columns: [
                    .init(name: "pidp"),
                    .init(
                        name: source, label: "Status, as the file labels it",
                        valueLabels: [1: "self employed", 2: "paid"]),
                ])
            try writer.setNumber(0, 1)
            try writer.setNumber(1, 2)
            try writer.endRow()
            try writer.finish()
        }
        try Data("pidp\t\(source)\n1\t2\n".utf8).write(to: URL(fileURLWithPath: folder + "/n_indresp.tab"))
        let fromFile = try FileLabels(inputs: [DataInput(path: folder + "/n_indresp.sav")], options: ReadOptions())
        let fromTab = try FileLabels(inputs: [DataInput(path: folder + "/n_indresp.tab")], options: ReadOptions())
        #expect(fromTab.labels.isEmpty && fromTab.codes.isEmpty)
        let columns = try HarmonisedColumns(schema: schema, role: "indresp")
        func row(_ labels: FileLabels) -> [String]? {
            columns.columns(fileLabels: labels, fileName: { $0.sourceName(in: wave) }) { _ in "" }
                .map(\.dictionaryRow).first { $0.first == "jbstat" }
        }
        #expect(row(fromFile)?[1] == "Status, as the file labels it")
        #expect(row(fromFile)?[3] == "1=self employed; 2=paid")
        #expect(row(fromTab)?[1] == "")
        // Where the schema has its own label, the schema's is kept.
        let gor = columns.columns(fileLabels: fromFile) { _ in "" }.map(\.dictionaryRow).first { $0.first == "gor" }
        #expect(gor?[1] == schema.variable("gor")?.label)
    }
}
