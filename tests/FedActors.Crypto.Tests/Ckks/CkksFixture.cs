using FedActors.Crypto.Ckks;
using FedActors.Crypto.Ring;
using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Tests.Ckks;

/// <summary>Keys for the aggregation-default set, built once per test collection.</summary>
public sealed class CkksFixture : IDisposable
{
    public CkksFixture()
    {
        Parameters = CkksParameterSets.Get(CkksParameterSets.AggregationDefault);
        Random = SeededRandomSource.FromLabel("ckks-fixture", 1);
        var keys = new KeyGenerator(Parameters.Rlwe, Random);
        SecretKey = keys.GenSecretKey();
        PublicKey = keys.GenPublicKey(SecretKey);
        PublicEncryptor = new Encryptor(Parameters.Rlwe, PublicKey, Random);
        SecretEncryptor = new Encryptor(Parameters.Rlwe, SecretKey, Random);
        Decryptor = new Decryptor(Parameters.Rlwe, SecretKey);
        Evaluator = new Evaluator(Parameters.Rlwe);
        Coefficients = new CoefficientEncoder(Parameters.Rlwe);
        Slots = new SlotEncoder(Parameters.Rlwe);
    }

    public CkksParameters Parameters { get; }

    public SeededRandomSource Random { get; }

    public SecretKey SecretKey { get; }

    public PublicKey PublicKey { get; }

    public Encryptor PublicEncryptor { get; }

    public Encryptor SecretEncryptor { get; }

    public Decryptor Decryptor { get; }

    public Evaluator Evaluator { get; }

    public CoefficientEncoder Coefficients { get; }

    public SlotEncoder Slots { get; }

    public double Scale => Parameters.Scale;

    public void Dispose()
    {
        SecretKey.Dispose();
        Random.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CkksCollection : ICollectionFixture<CkksFixture>
{
    public const string Name = "ckks";
}
