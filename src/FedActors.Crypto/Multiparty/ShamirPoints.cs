using FedActors.Crypto.Rlwe;

namespace FedActors.Crypto.Multiparty;

/// <summary>The public Shamir point of a party (x_j = j) and its validity: non-zero and below every ciphertext prime.</summary>
internal static class ShamirPoints
{
    public static void Check(RlweParameters parameters, int party, string parameterName)
    {
        var smallest = parameters.Q.Min();
        if (party <= 0 || (ulong)party >= smallest)
        {
            throw new ArgumentOutOfRangeException(parameterName, party, $"A party's Shamir point is its id, which must be in [1, {smallest}) (non-zero and below every ciphertext prime).");
        }
    }
}
