package io.kerflux.examples.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The same workloads in DL4J's MultiLayerNetwork: float32, Glorot-uniform kernels and zero biases
 * (Keras' defaults), Keras' default learning rates, workspaces on (DL4J's default and fastest).
 */
final class Dl4jWorkloads {
    private static final long SEED = 42;

    private Dl4jWorkloads() { }

    static MultiLayerNetwork w1Model() {
        return network(layers(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(512).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(512).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
    }

    /** W2 on NCHW images (DL4J's default layout; with one channel the same memory as Keras' NHWC). */
    static MultiLayerNetwork w2Model() {
        return network(layers(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
    }

    /**
     * W3 on (batch, features, timesteps) sequences, DL4J's default layout: tanh cell, sigmoid
     * gates and a forget-gate bias of 1 (DL4J's defaults, Keras' too), the last step's output into
     * the softmax layer.
     */
    static MultiLayerNetwork w3Model() {
        return network(layers(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .layer(new LastTimeStep(new LSTM.Builder().nOut(128).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(1.0).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(32, 50, RNNFormat.NCW))
                .build());
    }

    static MultiLayerNetwork w4Model() {
        return network(layers(new Sgd(0.01))
                .layer(new DenseLayer.Builder().nIn(20).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(32).nOut(1).activation(Activation.SIGMOID).build())
                .build());
    }

    /** Keras' defaults for every workload: Glorot-uniform kernels, zero biases, float32. */
    private static NeuralNetConfiguration.ListBuilder layers(IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(SEED).dataType(DataType.FLOAT).updater(updater)
                .weightInit(WeightInit.XAVIER_UNIFORM).biasInit(0)
                .list();
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Workload train(MultiLayerNetwork net, Spec spec) {
        return steps -> {
            for (int i = 0; i < steps; i++) {
                net.fit(spec.xBatch(i), spec.yBatch(i));
            }
            return (long) steps * spec.batch();
        };
    }

    static Workload predict(MultiLayerNetwork net, Spec spec) {
        return steps -> {
            for (int i = 0; i < steps; i++) {
                net.output(spec.xBatch(i), false);
            }
            return (long) steps * spec.batch();
        };
    }
}
