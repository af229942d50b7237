import UKPanelCommands

UKPanelCommand.main()
