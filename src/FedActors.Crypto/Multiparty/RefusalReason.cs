namespace FedActors.Crypto.Multiparty;

/// <summary>Why a party refused to produce a decryption or re-encryption share.</summary>
public enum RefusalReason
{
    /// <summary>The party already produced a share for this ciphertext (same c1) in this epoch, with whatever active set.</summary>
    AlreadyShared = 1,

    /// <summary>The epoch's budget of τ decryptions is spent: the flooding was sized for no more; rotate the key.</summary>
    BudgetExhausted = 2,

    /// <summary>The key and the record belong to different epochs.</summary>
    WrongEpoch = 3,
}
