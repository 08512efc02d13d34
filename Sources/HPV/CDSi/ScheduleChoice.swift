/// Which schedule applies to a girl: the programme's while she is in it, else the label of the
/// product she started with (issue 3). Explicit, so a list or a report can say why.
public enum ScheduleChoice: Equatable, Sendable {
    case programme(String)
    case label(String)

    public var name: String {
        switch self {
        case .programme(let name), .label(let name): name
        }
    }

    /// - Parameters:
    ///   - inProgramme: she is enrolled and eligible in the free programme today.
    ///   - programme: the programme schedule's name (e.g. `hpv-2023`).
    ///   - firstProduct: the product code of her first dose, if any.
    ///   - labels: the label schedules shipped, each naming its product (`label_product`).
    public static func choose(inProgramme: Bool, programme: String, firstProduct: String?,
                              labels: [Schedule]) throws -> ScheduleChoice {
        if inProgramme { return .programme(programme) }
        guard let firstProduct else { throw ScheduleError.noFirstProduct }
        guard let label = labels.first(where: { $0.kind == .label && $0.labelProduct == firstProduct }) else {
            throw ScheduleError.noLabel(product: firstProduct)
        }
        return .label(label.id)
    }
}
