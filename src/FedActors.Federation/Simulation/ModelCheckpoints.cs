using System.Buffers.Binary;
using FedActors.Federation.Protocol;

namespace FedActors.Federation.Simulation;

/// <summary>
/// The one place a run writes and reads its global model checkpoints: <c>checkpoints/round-K.weights</c>
/// in the run directory, the model after round K as little-endian float32 values. A checkpoint is
/// written completely (to a temporary file, then renamed) before the round's completion is journaled,
/// so every journaled <c>RoundCompleted</c> has its checkpoint; reading checks the journaled model hash.
/// </summary>
public sealed class ModelCheckpoints
{
    /// <summary>The sub-directory of the run directory that holds the checkpoints.</summary>
    public const string FolderName = "checkpoints";

    /// <summary>Checkpoints in <paramref name="runDirectory"/>/<see cref="FolderName"/>.</summary>
    public ModelCheckpoints(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        Directory = Path.Combine(runDirectory, FolderName);
    }

    /// <summary>The directory holding the checkpoint files.</summary>
    public string Directory { get; }

    /// <summary>The file of round <paramref name="round"/>'s checkpoint.</summary>
    public string PathOf(int round) => Path.Combine(Directory, $"round-{round}.weights");

    /// <summary>Writes the model after round <paramref name="round"/>; the file appears whole or not at all.</summary>
    public void Write(int round, ReadOnlySpan<float> parameters)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var bytes = new byte[parameters.Length * sizeof(float)];
        for (var i = 0; i < parameters.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), parameters[i]);
        }
        var path = PathOf(round);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            // The journal entry that follows claims this checkpoint exists; make sure it survives a crash.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads round <paramref name="round"/>'s checkpoint and checks it against the journaled model hash.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint does not exist.</exception>
    /// <exception cref="InvalidDataException">The file's length is not a whole number of floats, or its hash is not <paramref name="expectedHash"/>.</exception>
    public float[] Read(int round, ReadOnlySpan<byte> expectedHash)
    {
        var path = PathOf(round);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The checkpoint of round {round} is missing: {path}; the run cannot resume without the model of its last completed round.", path);
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"Checkpoint {path} holds {bytes.Length} bytes, not a whole number of float32 values; it is damaged.");
        }
        var parameters = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        var hash = ModelHash.Compute(parameters);
        if (!hash.AsSpan().SequenceEqual(expectedHash))
        {
            throw new InvalidDataException(
                $"Checkpoint {path} has model hash {Convert.ToHexStringLower(hash)}, but the journal recorded {Convert.ToHexStringLower(expectedHash)} for round {round}; it was altered or belongs to another run.");
        }
        return parameters;
    }
}
