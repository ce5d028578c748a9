using System.CommandLine;
using FedActors.Configuration;

namespace FedActors.Cli.Commands;

/// <summary>
/// The <c>fedactors config</c> commands: <c>show</c> prints a fully resolved configuration as HOCON or JSON,
/// <c>check</c> validates one. Errors go to stderr as one <c>FILE:LINE:COLUMN: message</c> line, exit code 1.
/// </summary>
public static class ConfigCommands
{
    /// <summary>Builds the <c>config</c> command group.</summary>
    public static Command Create()
    {
        var group = new Command("config", "Show or check HOCON configuration files.");
        group.Subcommands.Add(CreateShow());
        group.Subcommands.Add(CreateCheck());
        return group;
    }

    private static Command CreateShow()
    {
        var file = new Argument<string>("file") { Description = "The HOCON file to show." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of HOCON." };
        var withDefaults = new Option<bool>("--with-defaults") { Description = "Merge the file over reference.conf, the documented defaults." };
        var command = new Command("show", "Print the fully resolved configuration (substitutions and includes applied).")
        {
            file, json, withDefaults,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(file)!;
            var config = parse.GetValue(withDefaults) ? ConfigFactory.Load(path) : ConfigFactory.ParseFile(path);
            Console.Out.Write(parse.GetValue(json) ? config.ToJson() : config.ToHocon());
        }));
        return command;
    }

    private static Command CreateCheck()
    {
        var file = new Argument<string>("file") { Description = "The HOCON file to check." };
        var command = new Command("check", "Check that a file parses and resolves over reference.conf; prints nothing but errors.") { file };
        command.SetAction(parse => CommandGuard.Run(() => ConfigFactory.Load(parse.GetValue(file)!)));
        return command;
    }
}
