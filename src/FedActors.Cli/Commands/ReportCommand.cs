using System.CommandLine;
using FedActors.Federation.Reporting;

namespace FedActors.Cli.Commands;

/// <summary>The <c>fedactors report RUN</c> command: regenerates a run's <c>report.html</c> from its <c>metrics.json</c>.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run directory (a scenario's output.dir), or a sweep directory with one sub-directory per variant." };
        var command = new Command("report", "Regenerate report.html from the metrics.json of a finished run.") { run };
        command.SetAction(parse => CommandGuard.Run(() => Console.Out.WriteLine(RunReport.Regenerate(parse.GetValue(run)!))));
        return command;
    }
}
