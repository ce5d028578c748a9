using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Simulation;

/// <summary>
/// The one place a run writes and reads its model files, in the run directory: the global model after each round
/// (<c>checkpoints/round-K.weights</c>), the final global model (<see cref="FinalModelFile"/>) and, with
/// <c>output.encrypt-replicas = on</c>, the node's replica (<see cref="ReplicaFile"/>). A checkpoint is written
/// completely (to a temporary file, then renamed) before the round's completion is journaled, so every journaled
/// <c>RoundCompleted</c> has its checkpoint; reading checks the journaled model hash.
/// </summary>
/// <remarks>
/// <para>
/// Format: the parameters as little-endian float32 bytes, nothing else: the bytes <see cref="ModelHash"/> hashes,
/// so <c>sha256sum model.final.weights</c> prints metrics.json's <c>final_model_hash</c>.
/// </para>
/// <para>
/// With <c>output.encrypt-to</c> the checkpoints and the final model are artifacts (<see cref="ArtifactFile"/>,
/// extension <see cref="EncryptedExtension"/>) encrypted to the model owner's public key; <c>fedactors artifact
/// decrypt --key owner/node.key</c> gives the same bytes, and no plaintext model file is written. The replica is
/// always encrypted, to the node's public key (<c>output.replica-key</c>): restarting the node from it needs the
/// node's private key (<see cref="ReadFile"/> with <see cref="ArtifactKey.FromKeyPair"/>). Plaintext copies made
/// for writing and reading are zeroed.
/// </para>
/// </remarks>
public sealed class ModelCheckpoints
{
    /// <summary>The sub-directory of the run directory that holds the checkpoints.</summary>
    public const string FolderName = "checkpoints";

    /// <summary>The final global model's file name (plus <see cref="EncryptedExtension"/> when encrypted).</summary>
    public const string FinalModelFile = "model.final.weights";

    /// <summary>The node replica's path in the run directory (always encrypted).</summary>
    public const string ReplicaFile = "replicas/node.weights.enc";

    /// <summary>The extension of encrypted model files.</summary>
    public const string EncryptedExtension = ".enc";

    private readonly string _runDirectory;
    private readonly EcPublicKey? _owner;
    private readonly EcPublicKey? _node;

    /// <summary>Model files in <paramref name="runDirectory"/>.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="owner">The model owner's public key: checkpoints and the final model are encrypted to it; null writes them in plaintext.</param>
    /// <param name="node">The node's public key: each checkpoint also writes the node's replica, encrypted to it; null writes no replica.</param>
    public ModelCheckpoints(string runDirectory, EcPublicKey? owner = null, EcPublicKey? node = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        _runDirectory = runDirectory;
        _owner = owner;
        _node = node;
        Directory = Path.Combine(runDirectory, FolderName);
    }

    /// <summary>The directory holding the checkpoint files.</summary>
    public string Directory { get; }

    /// <summary>True when checkpoints and the final model are encrypted to the model owner.</summary>
    public bool IsEncrypted => _owner is not null;

    /// <summary>The path of the final global model.</summary>
    public string FinalModelPath => Path.Combine(_runDirectory, FinalModelFile + Extension);

    /// <summary>The path of the node's replica.</summary>
    public string ReplicaPath => Path.Combine(_runDirectory, ReplicaFile);

    private string Extension => IsEncrypted ? EncryptedExtension : string.Empty;

    /// <summary>The model files of a scenario's run: its <c>output</c> section names the public keys (checked when the scenario was loaded).</summary>
    /// <exception cref="IdentityException">A public key file changed since the scenario was loaded and no longer holds a key.</exception>
    public static ModelCheckpoints FromSettings(OutputSettings output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new ModelCheckpoints(
            output.Directory,
            output.EncryptTo is { } owner ? IdentityFiles.ReadPublicKey(owner) : null,
            output.ReplicaKey is { } node ? IdentityFiles.ReadPublicKey(node) : null);
    }

    /// <summary>The file of round <paramref name="round"/>'s checkpoint.</summary>
    public string PathOf(int round) => Path.Combine(Directory, $"round-{round}.weights{Extension}");

    /// <summary>Writes the model after round <paramref name="round"/> (and the node's replica); each file appears whole or not at all.</summary>
    /// <exception cref="ArtifactException">A file cannot be written.</exception>
    public void Write(int round, ReadOnlySpan<float> parameters)
    {
        WriteFile(PathOf(round), parameters, _owner);
        if (_node is not null)
        {
            WriteFile(ReplicaPath, parameters, _node);
        }
    }

    /// <summary>Writes the final global model; returns its path.</summary>
    /// <exception cref="ArtifactException">The file cannot be written.</exception>
    public string WriteFinal(ReadOnlySpan<float> parameters)
    {
        WriteFile(FinalModelPath, parameters, _owner);
        return FinalModelPath;
    }

    /// <summary>Reads round <paramref name="round"/>'s checkpoint and checks it against the journaled model hash.</summary>
    /// <param name="round">The round.</param>
    /// <param name="expectedHash">The model hash the journal recorded for the round.</param>
    /// <param name="ownerKey">The model owner's key pair, needed when the checkpoints are encrypted.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="FileNotFoundException">The checkpoint does not exist.</exception>
    /// <exception cref="InvalidDataException">The file's length is not a whole number of floats, its hash is not <paramref name="expectedHash"/>, or it is encrypted and no key was given.</exception>
    /// <exception cref="ArtifactException">The encrypted checkpoint cannot be decrypted with <paramref name="ownerKey"/>.</exception>
    public float[] Read(int round, ReadOnlySpan<byte> expectedHash, ArtifactKey? ownerKey = null)
    {
        var path = PathOf(round);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The checkpoint of round {round} is missing: {path}; the run cannot resume without the model of its last completed round.", path);
        }
        if (IsEncrypted && ownerKey is null)
        {
            throw new InvalidDataException(
                $"Checkpoint {path} is encrypted to the model owner (output.encrypt-to); reading it needs the owner's private key: fedactors run --resume RUN --owner-key OWNER/node.key (and --owner-key-password-env VARIABLE if that key has a password).");
        }
        var parameters = ReadFile(path, IsEncrypted ? ownerKey : null);
        var hash = ModelHash.Compute(parameters);
        if (!hash.AsSpan().SequenceEqual(expectedHash))
        {
            throw new InvalidDataException(
                $"Checkpoint {path} has model hash {Convert.ToHexStringLower(hash)}, but the journal recorded {Convert.ToHexStringLower(expectedHash)} for round {round}; it was altered or belongs to another run.");
        }
        return parameters;
    }

    /// <summary>
    /// Reads a model file: plaintext when <paramref name="key"/> is null, else an artifact decrypted with it (the
    /// owner's key pair for checkpoints and the final model, the node's for its replica).
    /// </summary>
    /// <exception cref="InvalidDataException">The file's length is not a whole number of float32 values.</exception>
    /// <exception cref="ArtifactException">The file cannot be read or decrypted with <paramref name="key"/>.</exception>
    public static float[] ReadFile(string path, ArtifactKey? key)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = key is null ? File.ReadAllBytes(path) : ArtifactFile.ReadAllBytes(path, key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactException($"{path}: cannot read the model file: {e.Message}", e);
        }
        try
        {
            if (bytes.Length % sizeof(float) != 0)
            {
                throw new InvalidDataException($"Model file {path} holds {bytes.Length} bytes, not a whole number of float32 values; it is damaged or not a model file of a run.");
            }
            // Model files are little-endian; ModelHash refuses big-endian platforms, so a plain reinterpretation is exact.
            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void WriteFile(string path, ReadOnlySpan<float> parameters, EcPublicKey? recipient)
    {
        var bytes = MemoryMarshal.AsBytes(parameters).ToArray();
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            if (recipient is not null)
            {
                using var plaintext = new MemoryStream(bytes, writable: false);
                ArtifactFile.Write(path, plaintext, ArtifactKey.ForRecipient(recipient));
            }
            else
            {
                WritePlaintext(path, bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactException($"{path}: cannot write the model file: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void WritePlaintext(string path, byte[] bytes)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.Write(bytes);
                // The journal entry that follows a checkpoint claims it exists; make sure it survives a crash.
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
