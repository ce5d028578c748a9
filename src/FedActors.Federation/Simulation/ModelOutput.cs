using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FedActors.Crypto.Artifacts;
using FedActors.Crypto.Envelope;
using FedActors.Crypto.Identity;
using FedActors.Federation.Metrics;
using FedActors.Federation.Protocol;
using FedActors.Federation.Scenarios;

namespace FedActors.Federation.Simulation;

/// <summary>
/// The one writer of a run's model files, in the run directory: the final global model
/// (<see cref="FinalModelFile"/>), global checkpoints (<c>checkpoints/round-K.weights</c>, every
/// <c>output.checkpoint-every</c> rounds) and the node's replica (<see cref="ReplicaFile"/>, each round, only with
/// <c>output.encrypt-replicas = on</c>).
/// </summary>
/// <remarks>
/// <para>
/// Format: the parameters as little-endian float32 bytes, nothing else: the bytes <see cref="ModelHash"/> hashes,
/// so <c>sha256sum model.final.weights</c> prints metrics.json's <c>final_model_hash</c>.
/// </para>
/// <para>
/// With <c>output.encrypt-to</c> the global files are artifacts (<see cref="ArtifactFile"/>, extension
/// <see cref="EncryptedExtension"/>) encrypted to the owner's public key; decrypted with
/// <c>fedactors artifact decrypt --key owner.key</c> they give the same bytes. The replica is always encrypted,
/// to the node's public key (<c>output.replica-key</c>), so restarting the node needs its private key
/// (<see cref="Read"/> with <see cref="ArtifactKey.FromKeyPair"/>). Plaintext copies made for writing are zeroed;
/// every file is written to a temporary name and renamed, so a crash never leaves a partial model.
/// </para>
/// </remarks>
public sealed class ModelOutput
{
    /// <summary>The final global model's file name (plus <see cref="EncryptedExtension"/> when encrypted).</summary>
    public const string FinalModelFile = "model.final.weights";

    /// <summary>The node replica's path in the run directory (always encrypted).</summary>
    public const string ReplicaFile = "replicas/node.weights.enc";

    /// <summary>The extension of encrypted model files.</summary>
    public const string EncryptedExtension = ".enc";

    private readonly string _directory;
    private readonly EcPublicKey? _owner;
    private readonly int _checkpointEvery;
    private readonly EcPublicKey? _node;

    /// <summary>Creates the writer of the run directory <paramref name="directory"/>.</summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="owner">The model owner's public key: global files are encrypted to it; null writes them in plaintext.</param>
    /// <param name="checkpointEvery">Write a global checkpoint every this many rounds (0 = none).</param>
    /// <param name="node">The node's public key: the replica is written encrypted to it each round; null writes no replica.</param>
    public ModelOutput(string directory, EcPublicKey? owner, int checkpointEvery, EcPublicKey? node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpointEvery);
        _directory = directory;
        _owner = owner;
        _checkpointEvery = checkpointEvery;
        _node = node;
    }

    /// <summary>The path of the final global model.</summary>
    public string FinalModelPath => Path.Combine(_directory, FinalModelFile + Extension);

    /// <summary>The path of the node's replica.</summary>
    public string ReplicaPath => Path.Combine(_directory, ReplicaFile);

    private string Extension => _owner is null ? string.Empty : EncryptedExtension;

    /// <summary>The writer for a scenario's <c>output</c> section (its public key files were checked when it was loaded).</summary>
    /// <exception cref="IdentityException">A public key file changed since the scenario was loaded and no longer holds a key.</exception>
    public static ModelOutput FromSettings(OutputSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ModelOutput(
            settings.Directory,
            settings.EncryptTo is { } owner ? IdentityFiles.ReadPublicKey(owner) : null,
            settings.CheckpointEvery,
            settings.ReplicaKey is { } node ? IdentityFiles.ReadPublicKey(node) : null);
    }

    /// <summary>The path of the global checkpoint after round <paramref name="round"/>.</summary>
    public string CheckpointPath(int round) => Path.Combine(_directory, "checkpoints", $"round-{round}.weights{Extension}");

    /// <summary>Writes the final global model; returns its path.</summary>
    /// <exception cref="ArtifactException">The file cannot be written.</exception>
    public string WriteFinal(ReadOnlySpan<float> parameters)
    {
        var path = FinalModelPath;
        Write(path, parameters, _owner);
        return path;
    }

    /// <summary>Writes what is due after round <paramref name="round"/>: the global checkpoint and the node's replica.</summary>
    /// <exception cref="ArtifactException">A file cannot be written.</exception>
    public void WriteRound(int round, ReadOnlySpan<float> parameters)
    {
        if (_checkpointEvery > 0 && round % _checkpointEvery == 0)
        {
            Write(CheckpointPath(round), parameters, _owner);
        }

        if (_node is not null)
        {
            Write(ReplicaPath, parameters, _node);
        }
    }

    /// <summary>
    /// Runs the rounds through <paramref name="run"/>, handing it a callback to call right after each round's model
    /// is published (before anything else sees the round): the callback writes the round's files
    /// (<see cref="WriteRound"/>, of the model <paramref name="currentModel"/> returns then). A write failure cancels
    /// the run's token and is rethrown here, instead of failing inside an actor.
    /// </summary>
    /// <typeparam name="T">What the run returns.</typeparam>
    /// <exception cref="ArtifactException">A model file cannot be written.</exception>
    public async Task<T> RecordAsync<T>(Func<float[]> currentModel, Func<Action<RoundMetrics>, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentModel);
        ArgumentNullException.ThrowIfNull(run);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;
        T result = default!;
        try
        {
            result = await run(round =>
            {
                if (failure is not null)
                {
                    return;
                }

                try
                {
                    WriteRound(round.Round, currentModel());
                }
                catch (ArtifactException e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                    abort.Cancel();
                }
            }, abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            // The run was stopped because of the write failure, which is what the caller must see.
        }

        failure?.Throw();
        return result;
    }

    /// <summary>
    /// Reads a model file written by this class: plaintext when <paramref name="key"/> is null, else an artifact
    /// decrypted with it (the owner's or the node's key pair).
    /// </summary>
    /// <exception cref="ArtifactException">The file cannot be read or decrypted, or its length is not a whole number of float32 values.</exception>
    public static float[] Read(string path, ArtifactKey? key)
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
                throw new ArtifactException($"{path}: holds {bytes.Length} bytes, not a whole number of float32 parameters; it is not a model file of a run");
            }

            return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static void Write(string path, ReadOnlySpan<float> parameters, EcPublicKey? recipient)
    {
        var bytes = MemoryMarshal.AsBytes(parameters).ToArray();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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
