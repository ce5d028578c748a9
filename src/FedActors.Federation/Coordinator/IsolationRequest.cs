using FedActors.Federation.Protocol;

namespace FedActors.Federation.Coordinator;

/// <summary>One decryption request a <see cref="CuriousCoordinator"/> sends to isolate contributions, and how it lies.</summary>
/// <param name="Variant">
/// <see cref="CuriousCoordinator.ShortManifest"/> (the manifest lists only the isolated contributions) or
/// <see cref="CuriousCoordinator.FullManifest"/> (it lists every accepted contribution, but the aggregate is the
/// isolated sum).
/// </param>
/// <param name="Isolated">The client ids whose contributions the aggregate to decrypt sums.</param>
/// <param name="Request">The signed request, as the key holders receive it.</param>
public sealed record IsolationRequest(string Variant, IReadOnlyList<string> Isolated, DecryptionRequest Request);
