using FedActors.Federation.Journal;
using FedActors.Federation.Protocol;
using FedActors.Federation.Simulation;
using FsCheck.Xunit;

namespace FedActors.Federation.Tests.Journal;

public sealed class JournalDecodingPropertyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fedactors-decoding-{Guid.NewGuid():N}");

    [Property(MaxTest = 200)]
    public bool Journaled_metrics_that_are_not_round_metrics_fail_with_InvalidDataException_only(string? json)
    {
        try
        {
            JournaledMetrics.Read(json ?? string.Empty);
            return true;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }

    [Property(MaxTest = 100)]
    public bool A_checkpoint_of_random_bytes_is_refused_as_damaged_or_not_the_journaled_model(byte[] bytes)
    {
        var checkpoints = new ModelCheckpoints(_directory);
        Directory.CreateDirectory(checkpoints.Directory);
        File.WriteAllBytes(checkpoints.PathOf(1), bytes);
        var expected = ModelHash.Compute([1f, 2f, 3f]);
        try
        {
            checkpoints.Read(1, expected);
            return bytes.Length == 12 && bytes.AsSpan().SequenceEqual(Checkpoint([1f, 2f, 3f]));
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }

    [Property(MaxTest = 50)]
    public bool A_checkpoint_reads_back_the_parameters_it_was_written_with(float[] parameters)
    {
        var checkpoints = new ModelCheckpoints(_directory);
        checkpoints.Write(2, parameters);
        return checkpoints.Read(2, ModelHash.Compute(parameters)).AsSpan().SequenceEqual(parameters);
    }

    private static byte[] Checkpoint(float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
