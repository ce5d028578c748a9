using System.Runtime.CompilerServices;

// The only way to switch flooding off (FloodingSettings.Disabled) is internal: the test assembly reaches it to
// demonstrate the Li–Micciancio attack, nothing else can.
[assembly: InternalsVisibleTo("FedActors.Crypto.Tests")]
