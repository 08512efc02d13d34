import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// Expands `@PublicInit` (declared in ScreenVaxMacros).
public struct PublicInitMacro: MemberMacro {
    public static func expansion(of node: AttributeSyntax, providingMembersOf declaration: some DeclGroupSyntax,
                                 conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext) throws -> [DeclSyntax] {
        var parameters: [String] = []
        var assignments: [String] = []
        for member in declaration.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self), !isStatic(variable) else { continue }
            let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
            for binding in variable.bindings where isStored(binding) {
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else { continue }
                if isLet, binding.initializer != nil { continue }
                guard let type = binding.typeAnnotation?.type else {
                    context.diagnose(Diagnostic(node: binding, message: PublicInitMessage.untyped(name)))
                    return []
                }
                var parameter = "\(name): \(escaping(type))\(type.trimmedDescription)"
                if !isLet, let value = binding.initializer?.value {
                    parameter += " = \(value.trimmedDescription)"
                } else if isOptional(type) {
                    parameter += " = nil"
                }
                parameters.append(parameter)
                assignments.append("self.\(name) = \(name)")
            }
        }
        let body = assignments.map { "    " + $0 }.joined(separator: "\n")
        return ["public init(\(raw: parameters.joined(separator: ", "))) {\n\(raw: body)\n}"]
    }

    private static func isStatic(_ variable: VariableDeclSyntax) -> Bool {
        variable.modifiers.contains { [.keyword(.static), .keyword(.class), .keyword(.lazy)].contains($0.name.tokenKind) }
    }

    /// Observers (willSet, didSet) keep a property stored; a getter makes it computed.
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        switch binding.accessorBlock?.accessors {
        case .none: true
        case .getter: false
        case .accessors(let list):
            list.allSatisfy { [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind) }
        }
    }

    private static func isOptional(_ type: TypeSyntax) -> Bool {
        type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self)
    }

    /// A closure stored in a property outlives the initializer.
    private static func escaping(_ type: TypeSyntax) -> String {
        var bare = type
        if let attributed = type.as(AttributedTypeSyntax.self) { bare = attributed.baseType }
        return bare.is(FunctionTypeSyntax.self) ? "@escaping " : ""
    }
}

enum PublicInitMessage: DiagnosticMessage {
    case untyped(String)

    var message: String {
        switch self {
        case .untyped(let name): "@PublicInit needs the type of \(name) written out (name: Type)"
        }
    }

    var diagnosticID: MessageID { MessageID(domain: "ScreenVaxMacros", id: "untyped") }
    var severity: DiagnosticSeverity { .error }
}

@main
struct ScreenVaxMacroPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [PublicInitMacro.self]
}
