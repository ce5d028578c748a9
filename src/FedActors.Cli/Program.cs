using System.CommandLine;
using FedActors.Cli.Commands;

var root = new RootCommand("FedActors: federated learning with threshold-decrypted CKKS aggregation, on actors.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ConfigCommands.Create());
root.Subcommands.Add(KeysCommands.Create());
root.Subcommands.Add(ArtifactCommands.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(CryptoCommands.Create());
root.Subcommands.Add(CryptoCommands.CreateBench());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ReplayCommands.Create());
root.Subcommands.Add(NodeCommands.Create());
return root.Parse(args).Invoke();
