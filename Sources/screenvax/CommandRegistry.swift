import ArgumentParser

/// The top-level commands. Each room's commands live in their own file; add new groups here.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        DemoCommand.self,
        DBCommand.self,
        HPVCommand.self,
        ScreeningCommand.self,
        RecallCommand.self,
        ReportCommand.self,
        SyncCommand.self,
        HubCommand.self,
        ServeCommand.self,
        CallsCommand.self,
        UserCommand.self,
        ClientCommand.self,
        AssistCommand.self,
    ]
}
