// SHA-256 of every data, prediction and prompt file of jungokasai/IgakuQA at the pinned commit, so that
// downloads are verified. Generated from the project's upstream checksum list; regenerate if the pin moves.
export const upstreamSha256: Readonly<Record<string, string>> = {
  'baseline_results/2018/112-A_chatgpt.jsonl':
    'e1f50d28d0bf038611695cd370c86acbafd6fc743901b9c18b8f8fa4b08f5dc2',
  'baseline_results/2018/112-A_gpt3.jsonl':
    'da85c4f95a8ebf1998a90c1f398e4603cc69894c3a68b141e4a2f411a8ec957d',
  'baseline_results/2018/112-A_gpt4.jsonl':
    '63f78ce8f696d8e94b4a99ea9070b236b111f22877729ec90cde17566e5a8cdb',
  'baseline_results/2018/112-A_student-majority.jsonl':
    'dd7a0bd4351a7a7a9478ca4077f201c984c4f48bdbbd3db12b800c1ac59c2b5f',
  'baseline_results/2018/112-A_translate_chatgpt-en.jsonl':
    '471849c98ee3739e87e2340f7280f1e800d95f02a42d22482cbd2e92109cd57d',
  'baseline_results/2018/112-B_chatgpt.jsonl':
    '3f449883f65894c3afe11d67c1d5e21052065bade71ef16d784b2b72d75a92ba',
  'baseline_results/2018/112-B_gpt3.jsonl':
    '91d13c8f82d8c5944412927d3a2166ad7c99383ab2b322fe9e357601fd30ae40',
  'baseline_results/2018/112-B_gpt4.jsonl':
    'f0726dc5e085fbd893575fe279cd10279f8cca407d5b277a64d24d5a76002ede',
  'baseline_results/2018/112-B_student-majority.jsonl':
    'ddf853a4af85e59aa695f984c36f9b1b303b3bffc46a8fa2ab3d9085faeb99af',
  'baseline_results/2018/112-B_translate_chatgpt-en.jsonl':
    'e42d41643031fcf453eafc661b4ac33e7883dbfdbcdb4c1a28fa5263dae5a3a1',
  'baseline_results/2018/112-C_chatgpt.jsonl':
    '918696dd611a8f077e23a11b32ea4923c5ba34787c82ae8ce057a89e3514f753',
  'baseline_results/2018/112-C_gpt3.jsonl':
    '0d26f325cdb060c7ced3eb9aa687e3db03585258a08755d63cf240c3eaa34116',
  'baseline_results/2018/112-C_gpt4.jsonl':
    'ac87470107a10f776d9e9d82e65a19db1abb3b9d9a6209a9cf33df3f02b71543',
  'baseline_results/2018/112-C_student-majority.jsonl':
    '13efce8e99d13757c122b56fd204ab73fb1cf82832ac6f27edf223a384158320',
  'baseline_results/2018/112-C_translate_chatgpt-en.jsonl':
    '6389bc7a41c3b36bcfce6a87e01df6a09495c09c0a16f0daa77ea6d48e2d7fe0',
  'baseline_results/2018/112-D_chatgpt.jsonl':
    '95426a3205d8dace01b167d960f68d8ba5496f73ccde7792f3377671c2ac5317',
  'baseline_results/2018/112-D_gpt3.jsonl':
    'af2df968ac37157eba85e34a0a216b7219c149af54c8380a8220d564e66f8283',
  'baseline_results/2018/112-D_gpt4.jsonl':
    'dd236e8d4f9b51cd663df9d3084d307f6805e6a4dfc03c432b70fa29dadc7635',
  'baseline_results/2018/112-D_student-majority.jsonl':
    '325244cb0b08c5e4af93cc88f2a693de2e27d6f8d7190f795f64a9f284d4f613',
  'baseline_results/2018/112-D_translate_chatgpt-en.jsonl':
    'c8e56c2b6672c55f350f4bbc378b2d245fa7e81f38a3a006fbf9316b8992484f',
  'baseline_results/2018/112-E_chatgpt.jsonl':
    '813b383dc954d918de933a87af8dd851eb1e8b21014d3fa13b661d164a28aa96',
  'baseline_results/2018/112-E_gpt3.jsonl':
    '21862fb17134e3235c7f19fb63ee97cdf27aa531db5daa94c39348d7103bad11',
  'baseline_results/2018/112-E_gpt4.jsonl':
    '2d72cdf9bc256af251daf65a9cb467802f1d8af3cf194093606eb82734b7f51c',
  'baseline_results/2018/112-E_student-majority.jsonl':
    '1a170ab4cd7d8fe4f43847aab02565d51c5bcfbddc8b8ad227fb800c9f4ceb3d',
  'baseline_results/2018/112-E_translate_chatgpt-en.jsonl':
    '3cd0e9e6e373857bb100937a1e73769e1ed99fe209a20e9181cbef219fb5e4b8',
  'baseline_results/2018/112-F_chatgpt.jsonl':
    '195ebd5e2c1712f18099f5313c7856802fb8ad3f2de4e82899d94b0d220158aa',
  'baseline_results/2018/112-F_gpt3.jsonl':
    'a2e5494c145895c7b904d7fd258b7ca3b982a74ad0714bf1f2d6728c7232449a',
  'baseline_results/2018/112-F_gpt4.jsonl':
    'a34d7a016a4bfa89444ac2b1839547c541c8271f2b3f6cebfba23950b92abcc5',
  'baseline_results/2018/112-F_student-majority.jsonl':
    'dd1d890e231d6a62c07787d4ad0cc09062bb401a57cb79d0ad1887ae0f61dbe4',
  'baseline_results/2018/112-F_translate_chatgpt-en.jsonl':
    '109fb8c2ca15a5829d1d6ab3cf8eee5465d70e458c45ea0678d7514f090b0f90',
  'baseline_results/2019/113-A_chatgpt.jsonl':
    '01c4106362ce265925170e9a29505fa5caa2116ca846fd8b8bab7009d241872b',
  'baseline_results/2019/113-A_gpt3.jsonl':
    'cd26d9c705f945464d97f7922cef88551d7991d23d08402fcac237d65e5a1057',
  'baseline_results/2019/113-A_gpt4.jsonl':
    '02e430baa89f5d779b58ab7e9a0982542fee4a62e31214bee185718f5094ceb1',
  'baseline_results/2019/113-A_student-majority.jsonl':
    'da9ebab435c56bbfecca3c76e5721ff66ff061ec5507efe083e9d92fe1da7e88',
  'baseline_results/2019/113-A_translate_chatgpt-en.jsonl':
    'c26d6bc2c085543f847613502c8c2a94f5293cb1d7bee036429a3f77c39e4ded',
  'baseline_results/2019/113-B_chatgpt.jsonl':
    'fba702b5eb13177aa32544fe9721c290b2e438a5f4f1c57eaf145ca43040d60e',
  'baseline_results/2019/113-B_gpt3.jsonl':
    'd2ad2731a775a0184fa5e9b6f6fc7eaae2e8d31ab9b915ee0f87b92e3beb13d5',
  'baseline_results/2019/113-B_gpt4.jsonl':
    'f845ba977f7da67ff8b6f066d5f7aa585d8640818cdd0b918d462eec1a4a96d9',
  'baseline_results/2019/113-B_student-majority.jsonl':
    '4c8f3730e2e441e042f2cc6e154d5df9fdf3df0e77c959194a46d4356a1a773e',
  'baseline_results/2019/113-B_translate_chatgpt-en.jsonl':
    '3de685dadbe23b3df41ac22151627e2418d25043a5eecd13bd5458ced4adc0a3',
  'baseline_results/2019/113-C_chatgpt.jsonl':
    '8b5e9aebad11fe0eb4ee24694b4f2bf419349fc08e49df9b75016607ccd07e59',
  'baseline_results/2019/113-C_gpt3.jsonl':
    'b3b14ac6e70a0138879b6b0b516d25aba251167ac0960600a826f251cd4aa7f7',
  'baseline_results/2019/113-C_gpt4.jsonl':
    '1f0a95323e5265d16a225ea57e73b522ec53a93a02b34e22450be93f6ee7034a',
  'baseline_results/2019/113-C_student-majority.jsonl':
    '1da61b7749e5c74fd4744ee88b44fb4c9d17080807afdd40830a4c657baae7f7',
  'baseline_results/2019/113-C_translate_chatgpt-en.jsonl':
    '8cd935d54ab7c67b8dc31565dcff983b51a92aa69dc95dd24ee8b3de6adf278c',
  'baseline_results/2019/113-D_chatgpt.jsonl':
    'f9d6d67161ab3c2c1f7c090b7ddbd824e9b324dc74d19198b3f8b5690a30eccc',
  'baseline_results/2019/113-D_gpt3.jsonl':
    '113f86c0bcb86fca775f2831b817f1c28d93c75f5a253b44e62160898294be71',
  'baseline_results/2019/113-D_gpt4.jsonl':
    '313702528e54550ed6b1929e8f1031a52108a102ee5a060360117ac430436d60',
  'baseline_results/2019/113-D_student-majority.jsonl':
    '1dcd77ae3bd4bafd368b34e3eee9bac826a84eae958c52aa3ca3ca002d79fbb6',
  'baseline_results/2019/113-D_translate_chatgpt-en.jsonl':
    'b554e09b8998e8d866708a849f82974cecf2ee43eb8b6ce7ced0e111eda9a893',
  'baseline_results/2019/113-E_chatgpt.jsonl':
    'cab0d64b8e7ebd55134fd1f07185c7af99bb31f8bd8832c8c766ceecfec0b446',
  'baseline_results/2019/113-E_gpt3.jsonl':
    '348b160904a6a6429e18bc930f5c7e1fabd59594bcdd3f5b7f4a6f2550f2c930',
  'baseline_results/2019/113-E_gpt4.jsonl':
    '180147aa3abfdccca1890aaa0e2fb7536a9b8a616296def5cf2ba470c49a56c6',
  'baseline_results/2019/113-E_student-majority.jsonl':
    'c7a8dc79408cfe56e61e5ab7c284726112494ed13e5798274010971469e12812',
  'baseline_results/2019/113-E_translate_chatgpt-en.jsonl':
    '795ac7900f918a0224bb9ce21c8ce6effa9dc538e9c6861b0394e663c8840e3e',
  'baseline_results/2019/113-F_chatgpt.jsonl':
    '9c8018872cb4a2db4dfef921d164536fc04ef11d4e9838945e15d18e3e14277d',
  'baseline_results/2019/113-F_gpt3.jsonl':
    'ef540d6ed0c9926cf4838d898ca08e71d199ebeb2e0bdd733b0d4d23b80484d0',
  'baseline_results/2019/113-F_gpt4.jsonl':
    '31b36eaccce3f566cab483b65979b4b43fa0df7c38bbb100a6bb7183cfa6d8c3',
  'baseline_results/2019/113-F_student-majority.jsonl':
    '6fb3070452f51277177d044b80cdd858390f22c659e1cf44ea3c80c420a964b5',
  'baseline_results/2019/113-F_translate_chatgpt-en.jsonl':
    '77a4cdb98ed4e6ac273cd788f69e269627a4ab045e290b97bc3982f3b6ee76b9',
  'baseline_results/2020/114-A_chatgpt.jsonl':
    'a66013714c993f7ba4fc4fbb185b3bc6f07f2ec779601174d47a4a77f005e08c',
  'baseline_results/2020/114-A_gpt3.jsonl':
    '4399794758dd49a0d7cbef2c43986d453946084e9c54b87f14152ba224df4e28',
  'baseline_results/2020/114-A_gpt4.jsonl':
    '86b45560f9fc34c0bbd88badda01b1e727f103e9d3934caaf55c44c0e63621d9',
  'baseline_results/2020/114-A_student-majority.jsonl':
    '71c97eacd1653908b74fd1615814ce467bc6e42c374edd1935603c3a9c932f15',
  'baseline_results/2020/114-A_translate_chatgpt-en.jsonl':
    '47f3f0e9d1369920287d0b18df8cdc63df9bb49af9531328bb3058721a728074',
  'baseline_results/2020/114-B_chatgpt.jsonl':
    'be4a938366535d75d5d10deb95f25235e3cc8a79aee012bb2dbbe12e62477888',
  'baseline_results/2020/114-B_gpt3.jsonl':
    '4e57c72f1bd6bcc07fd884b9820ea4f09cf75ab2524e7b307b503bc85dbab4db',
  'baseline_results/2020/114-B_gpt4.jsonl':
    'c98b1ec0c537b71c61f3452b0ec1717e6d0f94a2bde569ee6463d13c6ccd9b50',
  'baseline_results/2020/114-B_student-majority.jsonl':
    '5e2539af8a1be35fc85763574a3ce3da0cb3c0096b1ccf4d9f773e24eafebb77',
  'baseline_results/2020/114-B_translate_chatgpt-en.jsonl':
    '88a4f57cea1689ab4e00ed2262e3209486e021d9367383cefaa592c9720b1fdf',
  'baseline_results/2020/114-C_chatgpt.jsonl':
    '66f956ec41629e942dd62840f403149e25443687948796bd6a4060ab3cf64948',
  'baseline_results/2020/114-C_gpt3.jsonl':
    '95b1eab872872450d070b58d3bd9a281f15802023cd2822408abb612d05e925d',
  'baseline_results/2020/114-C_gpt4.jsonl':
    'f92f4dc7ee0160a2ea2333c294d6f9a1b7f0fa786588a7251bec61e43053852c',
  'baseline_results/2020/114-C_student-majority.jsonl':
    '49c16055a1d302df4ad906ff2ed67c16ef05af7881acdd35f853b5d6993ea43f',
  'baseline_results/2020/114-C_translate_chatgpt-en.jsonl':
    '616984c651a1bf5d392b4f9f649acfae385699690b099cd4f6752d77e237ccc2',
  'baseline_results/2020/114-D_chatgpt.jsonl':
    'a2a34b4c9327a5d31cb231e9c2cdc40a00aa4a844ae3b5a531d25ea02eff83d5',
  'baseline_results/2020/114-D_gpt3.jsonl':
    '52b83b4eb615ca931778d2145d927aa6fd251171422b1b541f6d1a9a7f283568',
  'baseline_results/2020/114-D_gpt4.jsonl':
    '6031c159a415ab2102c0a70bc02acb29685eb1765073fb075f560584d1ef7865',
  'baseline_results/2020/114-D_student-majority.jsonl':
    '31c83c4dadf561c741a64d84bd3861e022e5355d83f42769e3bc31ebf445b5f6',
  'baseline_results/2020/114-D_translate_chatgpt-en.jsonl':
    '6b84ca3dba68fbc8dd999eec5a72be62200b1d91c33c3db8ef73d14f2c7184a6',
  'baseline_results/2020/114-E_chatgpt.jsonl':
    'd9de7c27eac8950ecb220a58f82827b04454fdba0107a445d096107ab3a52c84',
  'baseline_results/2020/114-E_gpt3.jsonl':
    '4ecc3fc1067292cd9835343396ffd91495a63681fee6fd264ed747cfb2acd0eb',
  'baseline_results/2020/114-E_gpt4.jsonl':
    'f1fdfc8900cdb90e84c1043ab277a35a46e7a5dba6996dbd63eec1cb2c03a5d9',
  'baseline_results/2020/114-E_student-majority.jsonl':
    'fd3a24804fc3979491971bd9f7bbc14adc4f9e40d00dab4ed283a53cd8c11d56',
  'baseline_results/2020/114-E_translate_chatgpt-en.jsonl':
    'a2fd2462b2306b97c03e078754c8c1882b876f5725f88fc3e73ecd5c18c8e6c1',
  'baseline_results/2020/114-F_chatgpt.jsonl':
    '46c5c5bad2fede02c8b475b9ff427af842aad6c244099128fbb44cafa57030de',
  'baseline_results/2020/114-F_gpt3.jsonl':
    '772ca5f6d5bb34e1397470a96b26a15c2a0185460856ba1e06f740555c8c3878',
  'baseline_results/2020/114-F_gpt4.jsonl':
    'd8d1437e72f7c6278e2986d8ef1dc7446d3ace7456ba838b428319d8191a2518',
  'baseline_results/2020/114-F_student-majority.jsonl':
    'f938aef1410085af6c4be6a3911c11e8987c2adecf0d762e9acf1563f9ef6297',
  'baseline_results/2020/114-F_translate_chatgpt-en.jsonl':
    '8ec26974896ed1ead5c04c84b28c8adfe18f0c29c185d1c67ac6a87ada822f94',
  'baseline_results/2021/115-A_chatgpt.jsonl':
    '239cc0ecee84eb42ce20047ec7172daaf4d9576694f952bb0bf36996bf3efab8',
  'baseline_results/2021/115-A_gpt3.jsonl':
    '7da11bb111f9d5f348015e2b7b3fb4727ea500458b45708e89bfddf85e4cb805',
  'baseline_results/2021/115-A_gpt4.jsonl':
    '33ff10209b1b4aed73db57b215da7e07f00ab7d2297c8e11c0b8323fb53ca187',
  'baseline_results/2021/115-A_student-majority.jsonl':
    'd8fedfffeff2b426575c64391e74df5528b24b45feaf829eeeb824e3a95c2cff',
  'baseline_results/2021/115-A_translate_chatgpt-en.jsonl':
    'b2625fc0ef74323d1214f7e51a110e87561a82f0be766ec745a5d16bdfd020ee',
  'baseline_results/2021/115-B_chatgpt.jsonl':
    '828237e83abfed6d3cc27adabf32d4e422754362759b6140f18c03931ca6e42e',
  'baseline_results/2021/115-B_gpt3.jsonl':
    'f61babfe468484f5bd18e9a7082411990fc131307aa224d07e6ab67b7c5986b1',
  'baseline_results/2021/115-B_gpt4.jsonl':
    '65fcf013fe9a92187b738f35630b8e4df4efd567a813171f772aa6d9b8018876',
  'baseline_results/2021/115-B_student-majority.jsonl':
    'b704bb8ae65e4e73b7908886ff278febdb3206ac38d4fb4a53c594f28aadffce',
  'baseline_results/2021/115-B_translate_chatgpt-en.jsonl':
    '8e18c451eb437dd247c5969427ae2c98193c47e9703edd4b712a852a60a3f509',
  'baseline_results/2021/115-C_chatgpt.jsonl':
    '23d4763b5d5daa86f06567604a3a88056010d77d868740e148462209f708184d',
  'baseline_results/2021/115-C_gpt3.jsonl':
    'f4d29378700440604cb2c6c2f485f14abb08220e3d9a59b2d04734c1ffe9f464',
  'baseline_results/2021/115-C_gpt4.jsonl':
    '2eee819b9846aa26b45da650e6213a1f4aae9c8416b6acf074a656a14e3daaaa',
  'baseline_results/2021/115-C_student-majority.jsonl':
    '115c7a66dbd8735cb04472cd031ec0d83d350211289f6dbd48705ed885676574',
  'baseline_results/2021/115-C_translate_chatgpt-en.jsonl':
    'ab92bc7fd0d9ccb94eb8e7af5df03d7a843c8800a61d5276ca84797c921e33c0',
  'baseline_results/2021/115-D_chatgpt.jsonl':
    '5c8cb87624b41d831142bf0b72e95cb223b413ad64e558af30c26e40b6cb14a2',
  'baseline_results/2021/115-D_gpt3.jsonl':
    '217b6b691a8477fd2b89d3dfbe0fe75fa693e1e45d4fbf5ac676992871e6255b',
  'baseline_results/2021/115-D_gpt4.jsonl':
    'fe1919a2b5b16856dd5e584a2d5b0d21f8fe75c33d43b0c919e6d72defec0424',
  'baseline_results/2021/115-D_student-majority.jsonl':
    '8083aebd6b58218e125145dd2e40dfd811e9561ed0d9138f918fa498dc587ef9',
  'baseline_results/2021/115-D_translate_chatgpt-en.jsonl':
    '8026191b6689978238c7954e9d7647090589ae3e90ee50880635b7f2a1cc54e9',
  'baseline_results/2021/115-E_chatgpt.jsonl':
    '23a982da4efa0a78659a5a44f525efcc1f02ad965f085beeaf9a579e67f45006',
  'baseline_results/2021/115-E_gpt3.jsonl':
    '940a2e83cb314df4e8807e2a0cbec52926577b331d15a6aa8c0520f327c59312',
  'baseline_results/2021/115-E_gpt4.jsonl':
    '137c76d008005da8a122460028290e5c61282c9f663cfbf086e40b1985eb77c4',
  'baseline_results/2021/115-E_student-majority.jsonl':
    '4c8251a3db98fd75c637c5bbdd9cbd31065652d3c810a4225facd842673c6372',
  'baseline_results/2021/115-E_translate_chatgpt-en.jsonl':
    'a2ef9741f7a0684b13a9a8115bdeffbb97e6ffce0249ee175b7c6abcb857acea',
  'baseline_results/2021/115-F_chatgpt.jsonl':
    'ea3ddbbe717456f988b2a020f5163dd1c1c83b65d675ca1575d6e6853f9eaaf9',
  'baseline_results/2021/115-F_gpt3.jsonl':
    '03da0c50ce63906e08d4afe1dcc48d961826fd9069a4e4752626fe4c5e9b2ede',
  'baseline_results/2021/115-F_gpt4.jsonl':
    'e2074df1d3c0ec311f3372f025ef5c8634c0037282bc32d3a2b0330dd727a5cc',
  'baseline_results/2021/115-F_student-majority.jsonl':
    '353a3e2ce4a7c411ce914ef55c6f80e966bb5ea07a3161f44c6b8723d9854bd6',
  'baseline_results/2021/115-F_translate_chatgpt-en.jsonl':
    '48808be7e27a32dc82ea0874e8e950050588b503abc484657fd6dd8452260219',
  'baseline_results/2022/116-A_chatgpt.jsonl':
    'aa2cd766c7eeafd301aff06aaac66db489a48e2117ebb75b0e0c32989e8dfd3e',
  'baseline_results/2022/116-A_gpt3.jsonl':
    'b75214d43d7baf95d92725f58fb5f6b1069eb89f3f05765b8c3bc5e278bc67f3',
  'baseline_results/2022/116-A_gpt4.jsonl':
    'c404a48c6c7fe7a16a04405d26396c34e95108cc9e215b70a37ee9616070984c',
  'baseline_results/2022/116-A_student-majority.jsonl':
    'a55d02c31f41ddf68a473ba0e8dbe0f14320e3a83606753eb6d1a074fd9787c1',
  'baseline_results/2022/116-A_translate_chatgpt-en.jsonl':
    '41fefc0e1b2ceb3a5bc80e69e974fa4779147859594202bf3dcc63cf14567da8',
  'baseline_results/2022/116-B_chatgpt.jsonl':
    '9446ca0be3c1028d68986808d7ec6e926104abd9836bc67e48a48c754263f963',
  'baseline_results/2022/116-B_gpt3.jsonl':
    '4f7c3b35c9ddbe1cc3a8dbf283ac6f2b5b13a2720bd7f268034c9e870a463d43',
  'baseline_results/2022/116-B_gpt4.jsonl':
    'c08b9b0c8ac5a11982c6f08238b21c822d36498bcd00fed90bd2f400b9616bb6',
  'baseline_results/2022/116-B_student-majority.jsonl':
    '4ea95bc8f9204590aca99fa376b21739d50719bce5335b3dca3a860c450d76e7',
  'baseline_results/2022/116-B_translate_chatgpt-en.jsonl':
    '9d472e06fe1f740e02ec4a39ca23b980f94154a94c976ea9b84aec1dc2f948cd',
  'baseline_results/2022/116-C_chatgpt.jsonl':
    '4f06bc8c16b9845968e1730ca0b1af9ffae2a70a810843b6bd784aa6a0de6d73',
  'baseline_results/2022/116-C_gpt3.jsonl':
    '2841e88a10b28275630d0e9a9b803a7e832ae634ae0f228842fd80d49bf29cae',
  'baseline_results/2022/116-C_gpt4.jsonl':
    '22bd08f064e3c978d0cab92b8a34f02c9f5e59458d03f5f98597c2469fb4fbe3',
  'baseline_results/2022/116-C_student-majority.jsonl':
    '64779dba7b255ca0db1bdacbdfc483f4c6d7ccc74a49321e21ce61c9721a04b7',
  'baseline_results/2022/116-C_translate_chatgpt-en.jsonl':
    '3f110a5472eb008bb847983a8be814f9570a817e0465b3561c7174ba9c8d89cb',
  'baseline_results/2022/116-D_chatgpt.jsonl':
    'd8c1980ea987e37acbdfea9dbac95c5de30cb3097a5bb40f532fe188ce92f09f',
  'baseline_results/2022/116-D_gpt3.jsonl':
    '0de01099b98aa85e69651c03c750ad4cdb08e3b9fcffccd14699259f71bcb95a',
  'baseline_results/2022/116-D_gpt4.jsonl':
    'f0b27823eda91d301ba61e01a4decf82279570f542cc2f1326dfc10db342e549',
  'baseline_results/2022/116-D_student-majority.jsonl':
    '4df2a0926d6e9761c30f99fa686ed03eca3c7483b68dd6e910814e61c2d37e7a',
  'baseline_results/2022/116-D_translate_chatgpt-en.jsonl':
    '381c652c310a0e8b0cafe7129f52a03c03d32ded521252b0fbac5591d98ced3e',
  'baseline_results/2022/116-E_chatgpt.jsonl':
    '147fe83e15d967a80760869db65cbcf1f05b8bafeff564eff0397bfa349629ff',
  'baseline_results/2022/116-E_gpt3.jsonl':
    '3cc8a646130c2d3e45f4e27c6d9553604f69f0dcd6a9a1280e18d62bc5fb0ab7',
  'baseline_results/2022/116-E_gpt4.jsonl':
    'bf77cac94d0c760c9749872ad8a5ec7c60fa4db4a9d077fb713538a10b887c0e',
  'baseline_results/2022/116-E_student-majority.jsonl':
    '1dc5d1f333d235d72e69a452891d0a4cf1c5c3846412234103daca082a5f53f6',
  'baseline_results/2022/116-E_translate_chatgpt-en.jsonl':
    'c1e130f053f999d2fdfeb1ec2138b61c312c81291eb268064221e572e3b592a8',
  'baseline_results/2022/116-F_chatgpt.jsonl':
    'd722b2356c6d459f77190cff605a60280c75e5257f405ba9836b7fe09b555567',
  'baseline_results/2022/116-F_gpt3.jsonl':
    '559b9a8c8acc245838b71dcad9abd295407c190e48d5a22bc240a7c2e53588a7',
  'baseline_results/2022/116-F_gpt4.jsonl':
    'e22725a1949541d2854958d5207fb60f65ddf57542e78e0bb8ceaa4a1d542d27',
  'baseline_results/2022/116-F_student-majority.jsonl':
    '5f3744566ff4673d9c7b9db43385b2bffdb4589c2026cb8fced991ec88113fe8',
  'baseline_results/2022/116-F_translate_chatgpt-en.jsonl':
    'e57fa59b312ec66163370c179d8dd4dfbeb7bcdbe5017130a849d7c7bdd46513',
  'data/2018/112-A.jsonl': 'eea86dfe79d4496de32eafbbb57b1d03a1cd619713b1b5999c49eae6d6d3079f',
  'data/2018/112-A_metadata.jsonl': '129b6fc72471eac76bd7493daffd032d7c398debd3c1136e99b95b86d20c3630',
  'data/2018/112-A_translate.jsonl': '55c06228c1c055f96552b8db5feb46b9611464a9e0a9843bb16c1e3e9759b927',
  'data/2018/112-B.jsonl': '209db838c06b075d8c56b166e7b3489676fc47d69d1c0bc0b5978b4b34434dbf',
  'data/2018/112-B_metadata.jsonl': '4bf9e9b4cb1ccd287c99e68fdf0ec362980bec200390abe5fc48fe73931b0eec',
  'data/2018/112-B_translate.jsonl': 'c4827ae56177bb9d4fd68f04dd9463b2fc83058d1a153eb763d11e3283c183e7',
  'data/2018/112-C.jsonl': '51814ee3935b3736240d341c38220171c801ae133e4c8713b4caba99bba15b14',
  'data/2018/112-C_metadata.jsonl': '78291e78c5b922797cad88c6118d55445991d0a641e81a711643a4b5dc99e457',
  'data/2018/112-C_translate.jsonl': '243c16ddacb89e0a0aa72eea5f9c9150500d0433f8de8ec12354ad1b4e55c607',
  'data/2018/112-D.jsonl': '772b3f472c2e156992ee7b23999f49031d7ba04297f7a371b6d1343a3f24fc02',
  'data/2018/112-D_metadata.jsonl': '2a6241f92f5f6b1d51035ccb8e7671aec19ee4f460e0e91fbb95aad3805de588',
  'data/2018/112-D_translate.jsonl': '60ff1f16c51bbeaec013c9d6afaec6290fb25fd9c42f63ffda745785c4405fd3',
  'data/2018/112-E.jsonl': 'aa999536fc9a1e26b407fee72d22ea97ef30c3c00ad1243d7567c664f0022834',
  'data/2018/112-E_metadata.jsonl': '2c80983d1a8abe00a41692034e5b4288c7967bde5987f34c964bebdb24d2c71d',
  'data/2018/112-E_translate.jsonl': '33425f019d910bec168c30e2eeb4515a976c0add8aab01bd1c98415171d8533d',
  'data/2018/112-F.jsonl': '1031d6d9fd80d1c78af364530251a101e8441ef6c46d5aea8017a8101cdd3107',
  'data/2018/112-F_metadata.jsonl': '4192be63305e86956711ec4407b45b85bba423783ffc1a92b2104b2858015b4e',
  'data/2018/112-F_translate.jsonl': '2be5359201c77189895084103901da00b19a14daf09278195c33bfe6f1f95a86',
  'data/2019/113-A.jsonl': 'b120dddb03f0ea412ee491386e6c479e9f664550b7b4e3f7fae8da57fcf845a5',
  'data/2019/113-A_metadata.jsonl': 'e15e9abb1ee5dbf4996ddd8b3ad71e2cbb2cf846d599725959fd13a6b4c31416',
  'data/2019/113-A_translate.jsonl': 'e1a27e7cb3ff3026d97cf04e7661be06848b1143320e7a076ff862879ff51f60',
  'data/2019/113-B.jsonl': '79c1521fac7d9fed9ce35b2aa90ce8d8309d37a0a19e5fee908b1cd57d8c3ca5',
  'data/2019/113-B_metadata.jsonl': '1573397a62607bb55e4f010a2e0c950dee26da1a86dfc976e7605dc7c9fb2d63',
  'data/2019/113-B_translate.jsonl': 'e082147a94a324521f0c7a8b7f27a1f13a29072c2c471803cc08148ed406dae8',
  'data/2019/113-C.jsonl': 'fb695d2b11dc30534d5be689bb5371223fb67607b3454288340fd1b475d24781',
  'data/2019/113-C_metadata.jsonl': '4d45dda93f9f4f12e630c3d096723e888dd818d8b9c4a3cba17dca5142d2b8cb',
  'data/2019/113-C_translate.jsonl': '226f8f0e897f9037e3cd623493d2f630bef315a9d494dc1ecc0b46fb4de20a7f',
  'data/2019/113-D.jsonl': '1bd92e4bf986c8e8ac037f6c301771b1be1163ed366f8030cee378d7e1f3f4ca',
  'data/2019/113-D_metadata.jsonl': 'aa65f63754f6f15df8aaa878528782812bb5503279953ecb314cf1f5061fda1e',
  'data/2019/113-D_translate.jsonl': 'e3fb4c8acfbde9d3747d7e8834306a07cd71ee85adbdadcde88c0ec4ce6b0234',
  'data/2019/113-E.jsonl': '98a8a8fe59d6cbdc9e840bf4b49c82943f5ea1998eab7f0a94382e413399a49a',
  'data/2019/113-E_metadata.jsonl': 'fc3bd8ce4be293509da407f9b2e33a9ff80eaf7bc32c5f17c6ca4af8592a4abc',
  'data/2019/113-E_translate.jsonl': '9875bb0c43a3f287ebbdc2a6285f9992c2ae2c1990f286e0e03076f175b16c9d',
  'data/2019/113-F.jsonl': '487ae5c94494c353ca25b7eecb100620686e490d4ca966e7b5b026fb638e9ad2',
  'data/2019/113-F_metadata.jsonl': 'bc84c243dc4a3853bea7a3321d2f9144be90d563e01a6eda28e1581563187d84',
  'data/2019/113-F_translate.jsonl': '4d00eb17bbcd83e4b7c6f2668bcf648b20414028cf3e8e605b14369676c2323d',
  'data/2020/114-A.jsonl': 'ef89ce3561b4a9d495569f6030001526c7c849ae6d9953badcb6f8ebd207f83a',
  'data/2020/114-A_metadata.jsonl': '7d84d9374fc9afcc1dfa80550c130ab9a2354fa0c519e641e677628a73768db4',
  'data/2020/114-A_translate.jsonl': 'bdb33836e47986075a4a879cc93cce888299d08accc1bf9f19f0a80d2245686c',
  'data/2020/114-B.jsonl': 'ee3f803cc2b009031d45c7644c8b8ff6cd7b949ff03e50e765ef3b0699a6d631',
  'data/2020/114-B_metadata.jsonl': 'dcfb1872d2c15f835740a65bafe527511f009cf2b92fc868e8d6540bd4ad8630',
  'data/2020/114-B_translate.jsonl': '57315fe39fc940e97673799627489ee6fa06667dcfe71c8a83119913c4cb5c2e',
  'data/2020/114-C.jsonl': '4b8ae4543f9e79243e9d570a772269ce0c4620f669ffef56883a570b7d8988d0',
  'data/2020/114-C_metadata.jsonl': 'f710c991ce1a235dac3ca1b41eb61cc292e94c8eeae62f85ddf7b935e70830cb',
  'data/2020/114-C_translate.jsonl': '5f175a5a9157efaf862a56f16b0f2e18c4befc58117eb18faf9f65fd24d785fd',
  'data/2020/114-D.jsonl': 'ed1c52e100b6922c84c917612226df74ab36a4a0284ff1348bbb1eee061f9406',
  'data/2020/114-D_metadata.jsonl': '950d8322a5d76e4d93fbf5dbe6d40667be3fb7668f168ad3f6cafe0943545282',
  'data/2020/114-D_translate.jsonl': '06c2b57e2467693d49e436143ab7e746c9f2927ce7015788c47464da9e6429df',
  'data/2020/114-E.jsonl': '07ed51444726630f91a98b0ce671202af9607e462684d66ce3481aecce352dd4',
  'data/2020/114-E_metadata.jsonl': '97da785ade356533fa78a8d2c9d43dbe507a8394c2e63697f8cebbefca9bb800',
  'data/2020/114-E_translate.jsonl': '37b2c38c78ebecefd803af965cfdcef25d51bd52727b1a47ff1be1f6c557c0b8',
  'data/2020/114-F.jsonl': 'f115ba90c84c43a6f41cfba307aa8a2054923047e0a775724e7df56b7642dcd7',
  'data/2020/114-F_metadata.jsonl': 'e7be9e7fda22874002eab4026e0fc04b854ec28adeb28e87599d16a91597f1a4',
  'data/2020/114-F_translate.jsonl': '13138b1d5379255961bbf4e17c46d0ddb58c2c360ae55814dff4d7c593d02c79',
  'data/2021/115-A.jsonl': '590e67de9e2ba9fb76143b8f3c89b4506d8b1974bb2b57ce4aeb0837974450c4',
  'data/2021/115-A_metadata.jsonl': '04f798d6b927f9e6a6fc0d5eb24cdc00bbce13ed0103f7cd9b02b0860a22c4c5',
  'data/2021/115-A_translate.jsonl': 'f35cd1bd785a2eb62fb81a1b6865aaf152aefff97161dfc3c9ea6086e6047e0d',
  'data/2021/115-B.jsonl': '35913ca25740926494bd0dc2dd5dd4f56763bc58696a079895a9ebc4c245ffe2',
  'data/2021/115-B_metadata.jsonl': 'c7a1014fc233e149760a32a08ffc357351a6b019c809283288afbde9afbed572',
  'data/2021/115-B_translate.jsonl': '3c9e45a3dade1c3165004ec5ac3795a0a7a9f08e9f64eb033558dcc9f3a83b19',
  'data/2021/115-C.jsonl': 'c2cb2bc500088f835836987ab94f85e2c663ef3ff9d0b72141af635a50ac9e77',
  'data/2021/115-C_metadata.jsonl': 'cdfa1d210fe506917c10005c709c1cafaadf4a3b5c8d84ac733cd80a24cbeafb',
  'data/2021/115-C_translate.jsonl': 'befd4fec5de85a3e171ec4b717db56ca627dcceabd3776249f19828a17027814',
  'data/2021/115-D.jsonl': '30000d02e539c319635f6e482ab59640f5059c47938a4a8bd1e1c9ffcc9527e6',
  'data/2021/115-D_metadata.jsonl': 'a6c024f5abab017423a48e156b50f615098f989024b618f05f6d8bab48335907',
  'data/2021/115-D_translate.jsonl': 'd397313ecdc91bd8f0b985ead45f50dbb916aa731aa9434392dac5aed4b58a60',
  'data/2021/115-E.jsonl': '385d3464c003100f058b65d25c94e7e88d59a2aa3bccdbfa1967f65fd4c7d166',
  'data/2021/115-E_metadata.jsonl': 'b364d333cdca566c42ba117eb0db51f4a145e0a929d1eae072b270383500ae23',
  'data/2021/115-E_translate.jsonl': 'fb3a62775a335feada585975caa2a988fd8047d49337ba7a5d6b67a53b679cab',
  'data/2021/115-F.jsonl': '39de2902e1691b98b29def80dae29a809fdb857e58c5fa77e79130ddf5073190',
  'data/2021/115-F_metadata.jsonl': 'c78218031a20d079b5b897809a3b75369b349ce04a868c4c16bb870f4484c858',
  'data/2021/115-F_translate.jsonl': '47de72cdf90d05f0d426dce9b747325d1ac542c3d2ebbb364c1d06b3a5d40786',
  'data/2022/116-A.jsonl': '69e46553d3a7065ee488d8456eef5d5aeba9fa2998b0b177b981a1b14f464b06',
  'data/2022/116-A_metadata.jsonl': 'e6900108034cccebcfd4c04f3f7d012df792757b506174078c97f0e8e73f1f01',
  'data/2022/116-A_translate.jsonl': '02e69dc015cf247e52b9560cfe3fe0deff9dea5332ee1276cc714204c007b7c6',
  'data/2022/116-B.jsonl': 'b083a127521d87c75eee37009cac0af09229d24087b387f72e4c7d2e660bd7ae',
  'data/2022/116-B_metadata.jsonl': '5b3cb6a1b93dcf0d84cec5160528646b7af59461286e7762247fc0ef47042950',
  'data/2022/116-B_translate.jsonl': 'd8fe7668e28f6495115b28fceef5b27f2d610b14cc327f21ada8e1a13097fa6e',
  'data/2022/116-C.jsonl': 'aeda3ddf49513b43c2487dcecb6e8f2856c54c0ab2aa0745876a788e5f86c440',
  'data/2022/116-C_metadata.jsonl': 'd2bdc47095a631a22ddb04ae90efb249499ea7f0aac0f08b8e5da9dfe6ca75a1',
  'data/2022/116-C_translate.jsonl': '20c8f67d8a7b3fb380f69d659a525d3c88fa65246eb0565310fbf31acc61277f',
  'data/2022/116-D.jsonl': '6c924ef1862bb3c935eecfaebb8ea3b051bbdf22055a04ced14e2e3e24c9e892',
  'data/2022/116-D_metadata.jsonl': 'b81c9878880cb0f9512d2eba92cf70025338868f326614b76d44a7c87736ad0f',
  'data/2022/116-D_translate.jsonl': 'd1d23c66b021c70fa01e0928a02f4e9a5394c8059e712bdb368077af2e7c6bfe',
  'data/2022/116-E.jsonl': 'ca3f9d4ad4c0c1bca008068056e1f5bdfde63d8a8b4744b2d4b534822c000183',
  'data/2022/116-E_metadata.jsonl': '4f68bd46f045cf44350b7b852632334d5cc1e58ae36833fa7ac21cdb060104f2',
  'data/2022/116-E_translate.jsonl': '9c721dce946c8cd7ab968e90c4b963d3855285478637d788891ebbbec1349d85',
  'data/2022/116-F.jsonl': '3b253f8928cefb27e7706bf6d81a7f9c40ce5568d56923a7ec4ab81042fbba24',
  'data/2022/116-F_metadata.jsonl': 'adad02166f531adbd3836b3940c5831d87e52aa965f4955457bf437e46ef7a6f',
  'data/2022/116-F_translate.jsonl': '079f5dce983f5910c74a2d16157e205825a2e0f3677a849223b4b88ef34c9a4c',
  'scripts/prompts/prompt.jsonl': 'fb13e2a56054b6221c38a4179bfe210424b20a4d2628a49881248acfb97c3615',
  'scripts/prompts/prompt_translate.jsonl':
    '846af50f871d57c4ba98fd4b011d660485ab20013322b09ee56fa14087bdb744',
};
