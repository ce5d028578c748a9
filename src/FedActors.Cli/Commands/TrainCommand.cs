using System.CommandLine;
using System.Diagnostics;
using FedActors.Configuration;
using FedActors.Learning;
using FedActors.Learning.Data;
using FedActors.Learning.Kernels.OpenBlas;
using FedActors.Learning.Models;
using FedActors.Learning.Randomness;
using FedActors.Learning.Training;
using Spectre.Console;

namespace FedActors.Cli.Commands;

/// <summary>
/// The <c>fedactors train</c> command: trains one model centrally (a single client holding all the
/// data) and prints test accuracy, loss and time per epoch, to check the learning library.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data set: mnist, fashion-mnist, synthetic or breast-cancer.", DefaultValueFactory = _ => "mnist" };
        var model = new Option<string>("--model") { Description = "Model: logreg, mlp (2NN: hidden 200,200) or cnn-mcmahan.", DefaultValueFactory = _ => "mlp" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size (0 = full batch).", DefaultValueFactory = _ => 10 };
        var lr = new Option<float>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => 0.1f };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd or adam.", DefaultValueFactory = _ => "sgd" };
        var momentum = new Option<float>("--momentum") { Description = "SGD momentum (momentum restarts each epoch).", DefaultValueFactory = _ => 0f };
        var seed = new Option<ulong>("--seed") { Description = "Seed for initialisation and shuffling.", DefaultValueFactory = _ => 1UL };
        var gemm = new Option<string?>("--gemm") { Description = "GEMM backend: auto, openblas or managed (default: fedactors.learning.gemm-backend)." };
        var config = new Option<FileInfo?>("--config") { Description = "A HOCON file whose fedactors.learning section overrides reference.conf." };
        var threads = new Option<int>("--threads") { Description = "Threads that share each mini-batch (0 = one per processor).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Train on the first N training samples only (0 = all).", DefaultValueFactory = _ => 0 };
        var command = new Command("train", "Train a model centrally on a data set and report test accuracy per epoch.")
        {
            data, model, epochs, batch, lr, optimizer, momentum, seed, gemm, threads, limit, config,
        };
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var options = new TrainingOptions
            {
                Epochs = 1,
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Momentum = parse.GetValue(momentum),
                Optimizer = parse.GetValue(optimizer) switch
                {
                    "sgd" => OptimizerKind.Sgd,
                    "adam" => OptimizerKind.Adam,
                    var other => throw new ArgumentException($"--optimizer must be sgd or adam, was '{other}'."),
                },
            };
            options.Validate();
            var file = parse.GetValue(config);
            var settings = LearningSettings.FromConfig((file is null ? ConfigFactory.Reference : ConfigFactory.Load(file.FullName)).GetConfig("fedactors.learning"));
            if (parse.GetValue(gemm) is { } backend)
            {
                settings = new LearningSettings(settings.DataCache.Root, settings.TrainerWorkers, LearningSettings.ParseGemmBackend(backend));
            }
            return Run(settings, parse.GetValue(data)!, parse.GetValue(model)!, parse.GetValue(epochs), options,
                parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(limit));
        }));
        return command;
    }

    private static int Run(LearningSettings settings, string dataName, string modelName, int epochs, TrainingOptions options, ulong seed, int threads, int limit)
    {
        if (epochs < 1)
        {
            throw new ArgumentException($"--epochs must be >= 1, was {epochs}.");
        }
        var backend = settings.CreateGemm();
        var parallelism = threads > 0 ? threads : Environment.ProcessorCount;
        // The mini-batch is split over `parallelism` threads, each multiplying single-threaded:
        // that parallelises im2col, pooling and the optimizer too, not only the matrix products.
        OpenBlasLibrary.SetThreads(1);
        var split = DatasetCatalog.Load(dataName, settings.DataCache, seed);
        var spec = ModelSpec.Named(modelName, split.Train.SampleShape, split.Train.Classes);
        AnsiConsole.MarkupLineInterpolated($"[bold]{spec.Name}[/] ({spec.ParameterCount:N0} parameters) on [bold]{dataName}[/]: {split.Train.Count:N0} train, {split.Test.Count:N0} test; GEMM {backend.Name}, {parallelism} threads; batch {options.BatchSize}, lr {options.LearningRate}, {options.Optimizer.ToString().ToLowerInvariant()}");
        var trainer = new Trainer(spec, backend, parallelism);
        var model = Model.Create(spec, seed);
        var delta = new float[spec.ParameterCount];
        var all = Enumerable.Range(0, limit > 0 ? Math.Min(limit, split.Train.Count) : split.Train.Count).ToArray();
        var table = new Table().AddColumns("epoch", "train loss", "test loss", "test accuracy", "time", "CPU time", "samples/s");
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                for (var epoch = 1; epoch <= epochs; epoch++)
                {
                    var task = context.AddTask($"epoch {epoch}/{epochs}", maxValue: all.Length);
                    var clock = Stopwatch.StartNew();
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var result = trainer.Train(model.Parameters, delta, split.Train, all, options, SeededRandom.Derive(seed, (ulong)epoch), onBatch: done => task.Value = done);
                    model.AddScaled(1f, delta);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                    var evaluation = trainer.Evaluate(model.Parameters, split.Test);
                    task.StopTask();
                    table.AddRow(epoch.ToString(), $"{result.MeanLoss:F4}", $"{evaluation.Loss:F4}", $"{evaluation.Accuracy:P2}", $"{seconds:F1} s", $"{cpu:F1} s", $"{all.Length / seconds:N0}");
                    AnsiConsole.MarkupLineInterpolated($"epoch {epoch}: train loss {result.MeanLoss:F4}, test loss {evaluation.Loss:F4}, test accuracy {evaluation.Accuracy:P2}, {seconds:F1} s (CPU {cpu:F1} s, {all.Length / seconds:N0} samples/s)");
                }
            });
        AnsiConsole.Write(table);
        return 0;
    }
}
