namespace FedActors.Crypto.Tests.SampleModel;

/// <summary>The model interface the sample implements (the real one will be FedActors.Learning's).</summary>
public interface ISampleModel
{
    /// <summary>Predicts y for x.</summary>
    double Predict(double x);
}
